#!/usr/bin/env bash
# Hostile cases of issue 17 against the built programs (see tools/hostile/README.md).
# Usage: tools/hostile/run.sh   (after: dotnet build TrendingTv.sln -c Release)
# Prints one row per case and a count line; exits 1 when a case fails.
set -u
{ # the whole script is one block, read before it runs: editing this file during a run cannot garble it

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/tools/hostile
CLI_DLL=$ROOT/Cli/bin/Release/net10.0/TrendingTv.Cli.dll
STREAMER_EXE=$ROOT/StreamerApp/bin/Release/net10.0/trendingtv-streamer
REFERENCE=$ROOT/Cli/SampleData/reference-2020
for f in "$CLI_DLL" "$STREAMER_EXE"; do
    [[ -e $f ]] || { echo "missing $f: run 'dotnet build TrendingTv.sln -c Release' first" >&2; exit 2; }
done

S=$(mktemp -d /tmp/trendingtv-hostile.XXXXXX)
CASES=$S/cases
mkdir -p "$CASES" "$S/state"
cd "$S" || exit 2

# Only loopback, only this scratch folder: no inherited lake, cloud or API settings.
for v in $(env | sed -n 's/^\(\(Lake\|Upload\|Capture\|X\|Tmdb\|Dags\|Durable\|Serve\|Engine\|Schedules\|Metrics\|AWS\)_[A-Za-z_]*\)=.*/\1/p'); do unset "$v"; done
export TRENDINGTV_LOG_FILE=$S/trendingtv.log XDG_STATE_HOME=$S/state
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 AWS_EC2_METADATA_DISABLED=true NO_COLOR=1
export HOME=$S/home && mkdir -p "$HOME"

CLI=(dotnet "$CLI_DLL")
STREAMER=("$STREAMER_EXE")
SECRETS=()   # every secret given to any case: none may appear in any output or log
PIDS=()      # helper servers, stopped at exit

cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
}
trap cleanup EXIT

# Display form of a command: programs by name, scratch folder as $S, secrets as ***.
show() {
    local text="$*"
    text=${text//"dotnet $CLI_DLL"/trendingtv}
    text=${text//"$STREAMER_EXE"/streamer}
    text=${text//"$S"/\$S}
    text=${text//"$ROOT"/.}
    local s
    for s in "${SECRETS[@]}"; do text=${text//"$s"/***}; done
    printf '%s' "$text" | tr -s ' ' | cut -c1-400
}

first_line() {  # first message line of a file (log lines "info: …" skipped when there is another), ANSI-stripped, 120 chars
    local text
    text=$(sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' "$1" 2>/dev/null | grep -v '^[[:space:]]*$')
    { grep -m1 -vE '^(info|dbug|trce|warn): |^[[:space:]]' <<<"$text" || head -1 <<<"$text"; } | cut -c1-120 | tr '|' '/'
}

# row ID RULE COMMAND EXIT WANT FIRSTLINE VERDICT
row() {
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}

# verdict ID RULE CMD EXIT WANT OUT ERR EXTRA_REASON: applies the common checks and prints the row.
verdict() {
    local id=$1 rule=$2 cmd=$3 rc=$4 want=$5 out=$6 err=$7 extra=$8
    local reasons=()
    [[ "|$want|" == *"|$rc|"* ]] || reasons+=("exit $rc, want $want")
    [[ $rc == 124 ]] && reasons+=("hang")
    if grep -qE '^[[:space:]]+at [A-Za-z_][A-Za-z0-9_.`<>]*[.(]|Unhandled exception' "$out" "$err" 2>/dev/null; then
        reasons+=("stack trace")
    fi
    if grep -qE 'Unexpected error \(|Unhandled exception' "$err" 2>/dev/null; then
        reasons+=("an internal exception is the message")
    fi
    local s
    for s in "${SECRETS[@]}"; do
        if grep -qF -- "$s" "$out" "$err" 2>/dev/null || grep -qF -- "$s" "$S"/trendingtv.log* 2>/dev/null; then
            reasons+=("secret echoed")
            break
        fi
    done
    [[ -n $extra ]] && reasons+=("$extra")
    local line
    line=$(first_line "$err")
    [[ -z $line ]] && line="(stdout) $(first_line "$out")"
    local result=PASS
    if ((${#reasons[@]} > 0)); then
        result="FAIL ($(show "$(IFS=';'; echo "${reasons[*]}")"))"
    fi
    row "$id" "$rule" "$(show "$cmd")" "$rc" "$want" "$line" "$result" | tee "$CASES/$id.row"
}

# par COMMAND...: runs a case in the background, at most JOBS at once (the row prints when it ends).
JOBS=${HOSTILE_JOBS:-3}
par() {
    while (($(jobs -rp | wc -l) >= JOBS)); do wait -n; done
    "$@" &
}
barrier() { wait; }

# run_case ID RULE WANT [-t SECONDS] [-c CHECK_FUNCTION] -- COMMAND...
# CHECK_FUNCTION OUT ERR is called after the command; it prints a reason and returns 1 when the case fails.
run_case() {
    local id=$1 rule=$2 want=$3; shift 3
    local limit=90 check=""
    while [[ $1 != -- ]]; do
        case $1 in
            -t) limit=$2; shift 2 ;;
            -c) check=$2; shift 2 ;;
            *) echo "bad run_case option $1" >&2; exit 2 ;;
        esac
    done
    shift
    local out=$CASES/$id.out err=$CASES/$id.err
    if declare -F "$1" >/dev/null; then
        ("$@") >"$out" 2>"$err" </dev/null   # a scripted scenario; it bounds its own waits
    else
        timeout -k 5 "$limit" "$@" >"$out" 2>"$err" </dev/null
    fi
    local rc=$?
    [[ $rc == 137 ]] && rc=124
    local extra=""
    if [[ -n $check ]] && ! extra=$($check "$out" "$err" 2>&1); then
        extra=${extra:-check $check failed}
    else
        extra=""
    fi
    verdict "$id" "$rule" "$*" "$rc" "$want" "$out" "$err" "$extra"
}

# sig_case ID RULE SIGNAL WANT PATTERN MAX_WAIT [-c CHECK] -- COMMAND...: signal mid-work, must stop in 10 s.
sig_case() {
    local id=$1 rule=$2 sig=$3 want=$4 pattern=$5 wait=$6; shift 6
    local check=""
    [[ $1 == -c ]] && { check=$2; shift 2; }
    shift
    local out=$CASES/$id.out err=$CASES/$id.err
    local result rc secs note
    result=$(python3 "$HERE/sigcase.py" "$sig" "$pattern" "$wait" 10 "$out" "$err" -- "$@")
    read -r rc secs note <<<"$result"
    local extra=""
    [[ $note == ended-before-signal ]] && extra="ended before the signal was sent"
    [[ $note == killed ]] && extra="died of the signal instead of handling it"
    if [[ -n $check ]]; then
        local more
        more=$($check "$out" "$err" 2>&1) || extra="${extra:+$extra; }${more:-check $check failed}"
    fi
    verdict "$id" "$rule" "kill -$sig after ${wait}s: $* (stopped in ${secs}s)" "$rc" "$want" "$out" "$err" "$extra"
}

# http_case ID RULE WANT_STATUS CURL_ARGS...: the status code is the "exit code"; the body stands for stderr.
http_case() {
    local id=$1 rule=$2 want=$3; shift 3
    local out=$CASES/$id.out err=$CASES/$id.err
    local code
    code=$(curl -s -o "$err" -w '%{http_code}' --max-time 30 "$@" 2>"$out")
    [[ -z $code || $code == 000 ]] && code=124
    verdict "$id" "$rule" "curl $*" "$code" "$want" "$out" "$err" ""
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

start_server() {  # start_server NAME ARGS...: fake_http.py on loopback; sets PORT_<NAME>
    local name=$1; shift
    python3 "$HERE/fake_http.py" "$S/$name.port" "$@" >/dev/null 2>&1 &
    PIDS+=($!)
    disown $!
    local i
    for i in $(seq 100); do [[ -s $S/$name.port ]] && break; sleep 0.1; done
    printf -v "PORT_$name" '%s' "$(cat "$S/$name.port")"
}

lake_files_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum | cut -d' ' -f1); }
no_tmp_in() { local left; left=$(find "$1" -name '*.tmp*' -o -name '.tmp' 2>/dev/null | head -3 | tr '\n' ' '); [[ -z $left ]] || { echo "scratch left in lake: $left"; return 1; }; }

# ---------------------------------------------------------------------------------------------------------
# Fixtures: the reference lake, a corrupt copy, a demo lake, odd lake roots, loopback servers, replay files.
cp -r "$REFERENCE" "$S/ref"
cp -r "$REFERENCE" "$S/corrupt"
CORRUPT_FILE=$(find "$S/corrupt/tweet_stat/year=2020/month=11/day=25" -name '*.parquet' | head -1)
TRUNC_FILE=$(find "$S/corrupt/tweet_stat/year=2020/month=11/day=26" -name '*.parquet' | head -1)
head -c 4096 /dev/urandom >"$CORRUPT_FILE"
truncate -s $(($(stat -c %s "$TRUNC_FILE") / 2)) "$TRUNC_FILE"
mkdir -p "$S/empty-lake" "$S/unrelated-lake/photos" && echo hi >"$S/unrelated-lake/photos/a.txt"
echo "not a lake" >"$S/lake-is-a-file"
echo "plain file" >"$S/a-file"
start_server x401 status 401
start_server x403 status 403
start_server x500 status 500
start_server stream stream
CLOSED_PORT=$(free_port)
python3 "$HERE/gen_posts.py" posts "$S/posts.jsonl" 200000 48
python3 "$HERE/gen_posts.py" overlong "$S/overlong.jsonl"
python3 "$HERE/gen_posts.py" random "$S/random.jsonl"

X_TOKEN=hostile-bearer-TOKEN-7f3a9c
TMDB_TOKEN=hostile-tmdb-TOKEN-51be0d
AWS_KEY=AKIAHOSTILE0KEY0ID
AWS_SECRET=hostileAwsSecret+Key/9z
URI_SECRET=UriSecretValue42
SERVE_KEY=hostile-serve-key-0123456789abcdef
SECRETS+=("$X_TOKEN" "$TMDB_TOKEN" "$AWS_SECRET" "$URI_SECRET" "$SERVE_KEY")

echo "Scratch folder: $S (programs: trendingtv = dotnet Cli/bin/Release/net10.0/TrendingTv.Cli.dll, streamer = StreamerApp/bin/Release/net10.0/trendingtv-streamer)"
echo
row id rule command exit want "first stderr line" result
row --- --- --- --- --- --- ---

# ---------------------------------------------------------------------------------------------------------
# The demo lake (needed by later cases), checked as a case itself.
demo_ok() { no_tmp_in "$S/demo" || return 1; [[ -s $S/demo-report/report.html ]] || { echo "no report.html"; return 1; }; }
par run_case D01 "demo works, leaves no .tmp" 0 -t 600 -c demo_ok -- \
    "${CLI[@]}" demo --days 7 --posts-per-day 50 --lake "$S/demo" --out "$S/demo-report"
short_ok() { no_tmp_in "$S/demo-short"; }
par run_case D02 "limits demo --days 2 (inside 1..60) works" 0 -t 600 -c short_ok -- \
    "${CLI[@]}" demo --days 2 --posts-per-day 50 --lake "$S/demo-short" --out "$S/demo-short-report"
par run_case D03 "limits demo --days 1 (inside 1..60) works" 0 -t 600 -- \
    "${CLI[@]}" demo --days 1 --posts-per-day 10 --lake "$S/demo-one" --out "$S/demo-one-report"

# ---------------------------------------------------------------------------------------------------------
# Bad 1: a missing lake reads as an empty one.
names() { local p=$1; eval "check_$2() { grep -qF -- '$p' \"\$2\" || { echo 'stderr does not name $p'; return 1; }; }"; }
names "no-such-lake" nosuch
names "lake-is-a-file" isfile
names "empty-lake" emptylake
names "unrelated-lake" unrelated
par run_case L01 "bad1 missing lake" 1 -c check_nosuch -- "${CLI[@]}" report --lake "$S/no-such-lake" --from 2020-11-23 --to 2020-11-28
par run_case L02 "bad1 lake is a file" 1 -c check_isfile -- "${CLI[@]}" report --lake "$S/lake-is-a-file" --from 2020-11-23 --to 2020-11-28
par run_case L03 "bad1 lake without tables" 1 -c check_emptylake -- "${CLI[@]}" report --lake "$S/empty-lake" --from 2020-11-23 --to 2020-11-28
par run_case L04 "bad1 lake of unrelated files" 1 -c check_unrelated -- "${CLI[@]}" report --lake "$S/unrelated-lake" --from 2020-11-23 --to 2020-11-28
par run_case L05 "bad1 query on missing lake" 1 -c check_nosuch -- "${CLI[@]}" query "SELECT count(*) FROM tweet_stat" --lake "$S/no-such-lake"
par run_case L06 "bad1 query on lake that is a file" 1 -c check_isfile -- "${CLI[@]}" query "SELECT count(*) FROM tweet_stat" --lake "$S/lake-is-a-file"
par run_case L07 "bad1 query on lake without tables" 1 -c check_emptylake -- "${CLI[@]}" query "SELECT count(*) FROM tweet_stat" --lake "$S/empty-lake"
par run_case L08 "bad1 file:// URI of missing lake" 1 -c check_nosuch -- "${CLI[@]}" report --lake "file://$S/no-such-lake" --from 2020-11-23 --to 2020-11-24
says_dates() { grep -qE '2020-11-2[3-9]|2020-11-30' "$2" || { echo "does not say which dates the lake has"; return 1; }; }
par run_case L09 "bad1 range with no data says so" 1 -c says_dates -- "${CLI[@]}" report --lake "$S/ref" --from 2019-01-01 --to 2019-01-07
par run_case L10 "bad1 run on missing lake" 1 -t 180 -- env Dags__PollInterval=00:00:01 Dags__ActivityMaxAttempts=1 "${CLI[@]}" run --lake "$S/no-such-lake" --from 2020-11-23 --to 2020-11-23 --dataset tmdb

# ---------------------------------------------------------------------------------------------------------
# Dates: usage error naming the option (2); valid extreme years give a clear answer, never a crash.
names_from() { grep -q -- '--from' "$2" || { echo "does not name --from"; return 1; }; }
par run_case T01 "dates 2020-02-30" 2 -c names_from -- "${CLI[@]}" report --lake "$S/ref" --from 2020-02-30 --to 2020-03-01
par run_case T02 "dates garbage" 2 -c names_from -- "${CLI[@]}" report --lake "$S/ref" --from yesterday --to 2020-11-24
par run_case T03 "dates compact 20201123" 2 -c names_from -- "${CLI[@]}" report --lake "$S/ref" --from 20201123 --to 2020-11-24
par run_case T04 "dates year 0" 2 -c names_from -- "${CLI[@]}" report --lake "$S/ref" --from 0000-01-01 --to 2020-11-24
par run_case T05 "dates year 10000" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 10000-01-01
par run_case T06 "dates month 13" 2 -c names_from -- "${CLI[@]}" report --lake "$S/ref" --from 2020-13-01 --to 2020-11-24
par run_case T07 "dates --to before --from" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-28 --to 2020-11-23
par run_case T08 "dates range over 366 days" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2019-11-23 --to 2020-11-28
par run_case T09 "dates year 1 (valid, no data)" 1 -- "${CLI[@]}" report --lake "$S/ref" --from 0001-01-01 --to 0001-01-03
par run_case T10 "dates year 9999 (valid, no data)" 1 -- "${CLI[@]}" report --lake "$S/ref" --from 9999-12-29 --to 9999-12-31
par run_case T11 "dates empty --from" 2 -- "${CLI[@]}" report --lake "$S/ref" --from "" --to 2020-11-24
par run_case T12 "dates run 2020-02-30" 2 -- "${CLI[@]}" run --lake "$S/ref" --from 2020-02-30 --to 2020-03-01
par run_case T13 "dates run --to before --from" 2 -- "${CLI[@]}" run --lake "$S/ref" --from 2020-11-28 --to 2020-11-23
par run_case T14 "dates run year 1 (no raw data)" 1 -t 180 -- env Dags__PollInterval=00:00:01 Dags__ActivityMaxAttempts=1 "${CLI[@]}" run --lake "$S/empty-lake" --from 0001-01-01 --to 0001-01-01 --dataset tmdb
par run_case T15 "dates run year 9999 (not over): a usage error" 2 -t 180 -- env Dags__PollInterval=00:00:01 Dags__ActivityMaxAttempts=1 "${CLI[@]}" run --lake "$S/empty-lake" --from 9999-12-31 --to 9999-12-31 --dataset tmdb
par run_case T16 "dates streamer tmdb --date 2020-02-30" 2 -- "${STREAMER[@]}" --lake "$S/empty-lake" tmdb --date 2020-02-30

# ---------------------------------------------------------------------------------------------------------
# Bad lake URIs and credentials that must never echo.
par run_case U01 "lake URI ftp://" 2 -- "${CLI[@]}" report --lake ftp://127.0.0.1/lake --from 2020-11-23 --to 2020-11-24
par run_case U02 "lake URI s3:// without bucket" 2 -- "${CLI[@]}" report --lake s3:// --from 2020-11-23 --to 2020-11-24
par run_case U03 "lake URI s3:///prefix" 2 -- "${CLI[@]}" report --lake s3:///prefix --from 2020-11-23 --to 2020-11-24
par run_case U04 "lake URI http://" 2 -- "${CLI[@]}" report --lake http://127.0.0.1:1/lake --from 2020-11-23 --to 2020-11-24
par run_case U05 "credentials in s3 URI (report)" 2 -- "${CLI[@]}" report --lake "s3://$AWS_KEY:$URI_SECRET@bucket/lake" --from 2020-11-23 --to 2020-11-24
par run_case U06 "credentials in s3 URI (query)" 2 -- "${CLI[@]}" query "SELECT 1" --lake "s3://$AWS_KEY:$URI_SECRET@bucket"
par run_case U07 "credentials in s3 URI (run)" 2 -- "${CLI[@]}" run --lake "s3://$AWS_KEY:$URI_SECRET@bucket" --from 2020-11-23 --to 2020-11-23
par run_case U08 "credentials in Lake__Root env" 2 -- env "Lake__Root=s3://$AWS_KEY:$URI_SECRET@bucket" "${CLI[@]}" report --from 2020-11-23 --to 2020-11-24
par run_case U09 "credentials in Lake__ServiceUrl" 2 -- env "Lake__ServiceUrl=http://$AWS_KEY:$URI_SECRET@127.0.0.1:$CLOSED_PORT" "${CLI[@]}" report --lake s3://bucket --from 2020-11-23 --to 2020-11-24
par run_case U10 "credentials in streamer --lake" 2 -- "${STREAMER[@]}" --db "$S/u10.db" --lake "s3://$AWS_KEY:$URI_SECRET@bucket" upload
par run_case U11 "S3 answers 403: one line, exit 1" 1 -t 120 -- env AWS_ACCESS_KEY_ID=$AWS_KEY "AWS_SECRET_ACCESS_KEY=$AWS_SECRET" AWS_REGION=us-east-1 "Lake__ServiceUrl=http://127.0.0.1:$PORT_x403" "${CLI[@]}" report --lake s3://bucket/lake --from 2020-11-23 --to 2020-11-24
par run_case U12 "S3 answers 401: one line, exit 1" 1 -t 120 -- env AWS_ACCESS_KEY_ID=$AWS_KEY "AWS_SECRET_ACCESS_KEY=$AWS_SECRET" AWS_REGION=us-east-1 "Lake__ServiceUrl=http://127.0.0.1:$PORT_x401" "${CLI[@]}" query "SELECT count(*) FROM tweet_stat" --lake s3://bucket/lake
par run_case U13 "S3 port closed: one line, exit 1" 1 -t 180 -- env AWS_ACCESS_KEY_ID=$AWS_KEY "AWS_SECRET_ACCESS_KEY=$AWS_SECRET" AWS_REGION=us-east-1 "Lake__ServiceUrl=http://127.0.0.1:$CLOSED_PORT" "${CLI[@]}" report --lake s3://bucket/lake --from 2020-11-23 --to 2020-11-24

# ---------------------------------------------------------------------------------------------------------
# --out that cannot be written: usage error (2) before any work.
par run_case O01 "unwritable --out under /proc" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-24 --format html --out /proc/hostile-report
par run_case O02 "--out is a file" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-24 --format json --out "$S/a-file"
par run_case O03 "--out below a file" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-24 --format html --out "$S/a-file/sub"
par run_case O04 "demo --out unwritable (checked first)" 2 -t 60 -- "${CLI[@]}" demo --days 1 --posts-per-day 10 --lake "$S/o04-lake" --out /proc/hostile-demo
par run_case O05 "--format xml" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-24 --format xml

# ---------------------------------------------------------------------------------------------------------
# Bad 7: whole-number options.
for spec in "N01 abc" "N02 0" "N03 -1" "N04 1001" "N05 1.5" "N06 99999999999"; do
    read -r id value <<<"$spec"
    run_case "$id" "bad7 report --top $value" 2 -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-24 --top "$value"
done
par run_case N07 "bad7 demo --top abc" 2 -- "${CLI[@]}" demo --top abc --lake "$S/n07" --out "$S/n07-out"
par run_case N08 "limits demo --days 0" 2 -- "${CLI[@]}" demo --days 0 --lake "$S/n08" --out "$S/n08-out"
par run_case N09 "limits demo --days 61" 2 -- "${CLI[@]}" demo --days 61 --lake "$S/n09" --out "$S/n09-out"
par run_case N10 "limits demo --days abc" 2 -- "${CLI[@]}" demo --days abc --lake "$S/n10" --out "$S/n10-out"
par run_case N11 "limits demo --posts-per-day 9" 2 -- "${CLI[@]}" demo --posts-per-day 9 --lake "$S/n11" --out "$S/n11-out"
par run_case N12 "limits demo --posts-per-day 1000001" 2 -- "${CLI[@]}" demo --posts-per-day 1000001 --lake "$S/n12" --out "$S/n12-out"
par run_case N13 "limits demo --start before 2006-03-21" 2 -- "${CLI[@]}" demo --start 2006-03-20 --lake "$S/n13" --out "$S/n13-out"
par run_case N14 "limits demo --start in the future" 2 -- "${CLI[@]}" demo --start 9999-01-01 --lake "$S/n14" --out "$S/n14-out"
par run_case N15 "limits demo --seed abc" 2 -- "${CLI[@]}" demo --seed abc --lake "$S/n15" --out "$S/n15-out"
par run_case N16 "limits streamer replay --rate -1" 2 -- "${STREAMER[@]}" --db "$S/n16.db" replay "$S/overlong.jsonl" --rate -1
par run_case N17 "limits streamer capture --duration 0" 2 -- "${STREAMER[@]}" --db "$S/n17.db" capture --duration 00:00:00
par run_case N18 "limits streamer shows select --top 0" 2 -- "${STREAMER[@]}" --lake "$S/empty-lake" shows select --top 0 --no-upload
par run_case N19 "limits streamer status --hours abc" 2 -- "${STREAMER[@]}" --db "$S/n19.db" status --hours abc

# ---------------------------------------------------------------------------------------------------------
# (the demo lake is needed from here)
barrier
DEMO_DAY=$(find "$S/demo/tweet_stat" -path '*day=*' -type d 2>/dev/null | sort | head -1 | sed -E 's#.*year=([0-9]+)/month=([0-9]+)/day=([0-9]+)#\1-\2-\3#')
DEMO_DAY=$(date -u -d "${DEMO_DAY:-2000-01-01}" +%F 2>/dev/null || echo 2000-01-01)

# # run: the backfill's range cap, with an explicit override.
par run_case R01 "limits run range over the cap" 2 -- "${CLI[@]}" run --lake "$S/empty-lake" --from 2019-01-01 --to 2020-01-02
not_capped() { ! grep -q '366' "$2" || { echo "refused by the cap despite --allow-long-range"; return 1; }; }
run_case R02 "limits run over the cap with --allow-long-range (accepted; every raw check fails)" 1 -t 600 -c not_capped -- \
    env Dags__PollInterval=00:00:01 "${CLI[@]}" run --lake "$S/empty-lake" --from 2019-01-01 --to 2020-01-02 --dataset tmdb --allow-long-range
par run_case R03 "run --dataset foo" 2 -- "${CLI[@]}" run --lake "$S/empty-lake" --from 2020-11-23 --to 2020-11-23 --dataset foo
cp -r "$S/demo" "$S/run-lake"
run_ok() { no_tmp_in "$S/run-lake"; }
run_case R04 "run of a demo day succeeds, no .tmp" 0 -t 300 -c run_ok -- env Dags__PollInterval=00:00:01 "${CLI[@]}" run --lake "$S/run-lake" --from "$DEMO_DAY" --to "$DEMO_DAY"

# ---------------------------------------------------------------------------------------------------------
# Configuration values that cannot be read or are out of range: exit 2, "Configuration error:".
config_error() { grep -q '^Configuration error:' "$2" || { echo "stderr does not start 'Configuration error:'"; return 1; }; }
cfg() { local id=$1 rule=$2; shift 2; run_case "$id" "config $rule" 2 -c config_error -- "$@"; }
par cfg C01 "Trending__BaselineDays=abc (trendingtv demo)" env Trending__BaselineDays=abc "${CLI[@]}" demo --days 1 --posts-per-day 10 --lake "$S/c01" --out "$S/c01-out"
par cfg C02 "Dags__PollInterval=abc (trendingtv run)" env Dags__PollInterval=abc "${CLI[@]}" run --lake "$S/ref" --from 2020-11-23 --to 2020-11-23
par cfg C03 "Dags__PollInterval=abc (trendingtv demo)" env Dags__PollInterval=abc "${CLI[@]}" demo --days 1 --posts-per-day 10 --lake "$S/c03" --out "$S/c03-out"
par cfg C04 "Dags__PollInterval=-00:00:01 (run)" env Dags__PollInterval=-00:00:01 "${CLI[@]}" run --lake "$S/ref" --from 2020-11-23 --to 2020-11-23
par cfg C05 "Lake__MultipartPartSizeMiB=abc (report)" env Lake__MultipartPartSizeMiB=abc "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-24
par cfg C06 "Lake__MultipartPartSizeMiB=1 (query)" env Lake__MultipartPartSizeMiB=1 "${CLI[@]}" query "SELECT 1" --lake "$S/ref"
par cfg C07 "Upload__Retention=abc (streamer upload)" env Upload__Retention=abc "${STREAMER[@]}" --db "$S/c07.db" --lake "$S/c07-lake" upload
par cfg C08 "Upload__ClosedHourGrace=-00:01:00 (streamer upload)" env Upload__ClosedHourGrace=-00:01:00 "${STREAMER[@]}" --db "$S/c08.db" --lake "$S/c08-lake" upload
par cfg C09 "Upload__Retention=-1.00:00:00 (streamer upload)" env Upload__Retention=-1.00:00:00 "${STREAMER[@]}" --db "$S/c09.db" --lake "$S/c09-lake" upload
par cfg C10 "Upload__ClosedHourGrace=-00:01:00 (streamer replay --upload)" env Upload__ClosedHourGrace=-00:01:00 "${STREAMER[@]}" --db "$S/c10.db" --lake "$S/c10-lake" replay "$S/overlong.jsonl" --upload
par cfg C11 "Capture__BatchMaxDelay=abc (streamer replay)" env Capture__BatchMaxDelay=abc "${STREAMER[@]}" --db "$S/c11.db" replay "$S/overlong.jsonl"
par cfg C12 "Capture__BatchSize=0 (streamer replay)" env Capture__BatchSize=0 "${STREAMER[@]}" --db "$S/c12.db" replay "$S/overlong.jsonl"
par cfg C13 "X__StallTimeout=00:00:05 (streamer capture)" env X__StallTimeout=00:00:05 "X__BearerToken=$X_TOKEN" "${STREAMER[@]}" --db "$S/c13.db" capture --duration 00:00:05
par cfg C14 "X__BaseUrl=not-a-url (streamer capture)" env X__BaseUrl=not-a-url "X__BearerToken=$X_TOKEN" "${STREAMER[@]}" --db "$S/c14.db" capture --duration 00:00:05
par cfg C15 "X__BearerToken missing (streamer capture)" "${STREAMER[@]}" --db "$S/c15.db" capture --duration 00:00:05
par cfg C16 "Upload__RetryAttempts=99 (streamer status)" env Upload__RetryAttempts=99 "${STREAMER[@]}" --db "$S/c16.db" status
par cfg C17 "tmdb without a token" "${STREAMER[@]}" --lake "$S/empty-lake" tmdb --date 2020-11-23
par cfg C18 "Tmdb__MaxFailureShare=abc (tmdb)" env "Tmdb__AccessToken=$TMDB_TOKEN" Tmdb__MaxFailureShare=abc "${STREAMER[@]}" --lake "$S/empty-lake" tmdb --date 2020-11-23
par cfg C19 "Tmdb__MaxFailureShare=2 (tmdb)" env "Tmdb__AccessToken=$TMDB_TOKEN" Tmdb__MaxFailureShare=2 "${STREAMER[@]}" --lake "$S/empty-lake" tmdb --date 2020-11-23
par cfg C20 "Tmdb__AttemptTimeout=-00:00:01 (tmdb)" env "Tmdb__AccessToken=$TMDB_TOKEN" Tmdb__AttemptTimeout=-00:00:01 "${STREAMER[@]}" --lake "$S/empty-lake" tmdb --date 2020-11-23
par cfg C21 "Tmdb__MaxConcurrency=abc (shows select)" env "Tmdb__AccessToken=$TMDB_TOKEN" Tmdb__MaxConcurrency=abc "${STREAMER[@]}" --lake "$S/empty-lake" shows select --no-upload
par cfg C22 "Serve__ApiKey too short (serve)" env Serve__ApiKey=short Durable__Backend=InMemory "${CLI[@]}" serve --urls "http://127.0.0.1:$CLOSED_PORT" --state "$S/c22-state" --lake "$S/ref"

# ---------------------------------------------------------------------------------------------------------
# query: what it is, safe by default.
REF_SUM=$(lake_files_sum "$S/ref")
par run_case Q01 "query control: a count" 0 -- "${CLI[@]}" query "SELECT count(*) AS n FROM tweet_stat" --lake "$S/ref"
par run_case Q02 "query empty text" 2 -- "${CLI[@]}" query "" --lake "$S/ref"
par run_case Q03 "query blank text" 2 -- "${CLI[@]}" query "   " --lake "$S/ref"
par run_case Q04 "query only a comment" 2 -- "${CLI[@]}" query "-- nothing" --lake "$S/ref"
par run_case Q05 "query several statements" 2 -- "${CLI[@]}" query "SELECT 1; SELECT 2" --lake "$S/ref"
par run_case Q06 "query SELECT then DROP" 2 -- "${CLI[@]}" query "SELECT 1; DROP TABLE tweet_stat" --lake "$S/ref"
no_passwd() { ! grep -q 'root:' "$1" || { echo "/etc/passwd content printed"; return 1; }; }
par run_case Q07 "query read_csv('/etc/passwd')" 1 -c no_passwd -- "${CLI[@]}" query "SELECT * FROM read_csv('/etc/passwd')" --lake "$S/ref"
par run_case Q08 "query FROM '/etc/passwd'" 1 -c no_passwd -- "${CLI[@]}" query "SELECT * FROM '/etc/passwd'" --lake "$S/ref"
par run_case Q09 "query read_text of a lake file" 1 -- "${CLI[@]}" query "SELECT * FROM read_text('$S/ref/tvshows.csv')" --lake "$S/ref"
par run_case Q10 "query ATTACH" 1 -- "${CLI[@]}" query "ATTACH '$S/q10.duckdb' AS x" --lake "$S/ref"
no_copy_file() { [[ ! -e $S/q11.csv ]] || { echo "COPY wrote $S/q11.csv"; return 1; }; }
par run_case Q11 "query COPY TO a file" 1 -c no_copy_file -- "${CLI[@]}" query "COPY tweet_stat TO '$S/q11.csv'" --lake "$S/ref"
par run_case Q12 "query COPY FROM /etc/passwd" 1 -- "${CLI[@]}" query "COPY tweet_stat FROM '/etc/passwd'" --lake "$S/ref"
par run_case Q13 "query INSTALL httpfs" 1 -- "${CLI[@]}" query "INSTALL httpfs" --lake "$S/ref"
par run_case Q14 "query LOAD httpfs" 1 -- "${CLI[@]}" query "LOAD httpfs" --lake "$S/ref"
par run_case Q15 "query network URL" 1 -t 60 -- "${CLI[@]}" query "SELECT * FROM read_csv('http://127.0.0.1:$PORT_x500/x.csv')" --lake "$S/ref"
par run_case Q16 "query SET enable_external_access" 1 -- "${CLI[@]}" query "SET enable_external_access = true" --lake "$S/ref"
par run_case Q17 "query DROP TABLE" 1 -- "${CLI[@]}" query "DROP TABLE tweet_stat" --lake "$S/ref"
par run_case Q18 "query EXPORT DATABASE" 1 -- "${CLI[@]}" query "EXPORT DATABASE '$S/q18'" --lake "$S/ref"
par run_case Q19 "query glob('/etc/*')" 1 -- "${CLI[@]}" query "SELECT * FROM glob('/etc/*')" --lake "$S/ref"
has_passwd() { grep -q 'root' "$1" || { echo "--unsafe did not read /etc/passwd"; return 1; }; }
par run_case Q20 "query --unsafe gives full DuckDB" 0 -c has_passwd -- "${CLI[@]}" query "SELECT * FROM read_csv('/etc/passwd', header=false, sep=':')" --lake "$S/ref" --unsafe
par run_case Q21 "query syntax error: a usage error" 2 -- "${CLI[@]}" query "SELEC * FROM tweet_stat" --lake "$S/ref"
lake_unchanged() { [[ $(lake_files_sum "$S/ref") == "$REF_SUM" ]] || { echo "the lake's files changed"; return 1; }; }
barrier
run_case Q22 "query --unsafe DROP: refused, lake unchanged" 1 -c lake_unchanged -- "${CLI[@]}" query "DROP TABLE tweet_stat" --lake "$S/ref" --unsafe
SLOW_SQL="SELECT count(*) FROM range(200000) a, range(200000) b WHERE (a.range * 7 + b.range) % 1000003 = 5"
sig_case Q23 "bad6 SIGINT a slow query" INT 130 "" 12 -- "${CLI[@]}" query "$SLOW_SQL" --lake "$S/ref"
sig_case Q24 "bad6 SIGTERM a slow query" TERM 143 "" 12 -- "${CLI[@]}" query "$SLOW_SQL" --lake "$S/ref"

json_clean() {
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null || { echo "stdout is not JSON"; return 1; }
    ! grep -qiE '\\u002B|\\u0027|\\u0026|\\u003C|\\u003E' "$1" || { echo "over-escaped: $(grep -oiE '.{20}\\u00(2B|27|26|3C|3E).{10}' "$1" | head -1)"; return 1; }
}

# ---------------------------------------------------------------------------------------------------------
# One bad piece never hides the rest: corrupt and truncated Parquet.
names_corrupt() { grep -qF "$(basename "$CORRUPT_FILE")" "$2" || grep -qF "day=25" "$2" || { echo "the corrupt file is not named on stderr"; return 1; }; }
names_trunc() { grep -qF "$(basename "$TRUNC_FILE")" "$2" || grep -qF "day=26" "$2" || { echo "the truncated file is not named on stderr"; return 1; }; }
par run_case P01 "corrupt Parquet: report of other dates works" 0 -- "${CLI[@]}" report --lake "$S/corrupt" --from 2020-11-29 --to 2020-11-30
par run_case P02 "corrupt Parquet in range: named, rest reported" 0 -c names_corrupt -- "${CLI[@]}" report --lake "$S/corrupt" --from 2020-11-24 --to 2020-11-25
par run_case P03 "truncated Parquet in range: named, rest reported" 0 -c names_trunc -- "${CLI[@]}" report --lake "$S/corrupt" --from 2020-11-26 --to 2020-11-27
par run_case P04 "corrupt Parquet: query skips and names it" 0 -c names_corrupt -- "${CLI[@]}" query "SELECT count(*) FROM tweet_stat" --lake "$S/corrupt"
par run_case P05 "corrupt Parquet: json report stays clean JSON" 0 -c json_clean -- "${CLI[@]}" report --lake "$S/corrupt" --from 2020-11-25 --to 2020-11-30 --format json
cp -r "$S/ref" "$S/badcsv" && printf 'id,name\n"unterminated\n\x00\x01garbage' >"$S/badcsv/tvshows.csv"
par run_case P06 "malformed dimension CSV: clear message" "0|1" -- "${CLI[@]}" report --lake "$S/badcsv" --from 2020-11-23 --to 2020-11-24

# ---------------------------------------------------------------------------------------------------------
# Output others read stays clean: JSON escapes only what JSON requires.
json_has_apostrophe() { json_clean "$@" || return 1; grep -q "'" "$1" || { echo "no name with ' in the output (cannot judge)"; return 1; }; }
par run_case J01 "json: Grey's / Disney+ not escaped" 0 -c json_has_apostrophe -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-30 --format json --top 200
json_file_clean() { json_clean "$S/j02/report.json"; }
par run_case J02 "json --out DIR: file clean" 0 -c json_file_clean -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-30 --format json --out "$S/j02"
run_case J03 "json of the demo lake" 0 -c json_clean -- "${CLI[@]}" report --lake "$S/demo" --from "$DEMO_DAY" --to "$DEMO_DAY" --format json
html_ok() { [[ -s $S/j04/report.html ]] || { echo "no report.html"; return 1; }; }
par run_case J04 "html control" 0 -c html_ok -- "${CLI[@]}" report --lake "$S/ref" --from 2020-11-23 --to 2020-11-30 --format html --out "$S/j04"

# ---------------------------------------------------------------------------------------------------------
# Bad 5: an outage is not a quiet hour. Bad 6: signals.
never_connected() { grep -qi 'never connected\|not connected\|gap' "$2" || { echo "no clear 'never connected' message"; return 1; }; ! grep -q 'Committed 0 new posts' "$2" || true; }
names_token_setting() { grep -q 'X__BearerToken\|X:BearerToken' "$2" || { echo "does not name X__BearerToken"; return 1; }; }
barrier
XCAP=(env "X__BearerToken=$X_TOKEN")
run_case X01 "bad5 capture, closed port" 1 -t 60 -c never_connected -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$CLOSED_PORT" "${STREAMER[@]}" --db "$S/x01.db" --lake "$S/x-lake" capture --duration 00:00:08 --no-rules-sync
shows_gap() { grep -qiE 'gap|not connected' "$1" || { echo "status does not show the gap"; return 1; }; }
run_case X02 "bad5 status after the outage shows the gap" 0 -c shows_gap -- "${STREAMER[@]}" --db "$S/x01.db" status
run_case X03 "bad5 capture, stream answers 401" 1 -t 40 -c names_token_setting -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_x401" "${STREAMER[@]}" --db "$S/x03.db" --lake "$S/x-lake" capture --duration 00:01:00 --no-rules-sync
run_case X04 "bad5 capture, rules sync answers 401" 1 -t 40 -c names_token_setting -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_x401" "${STREAMER[@]}" --db "$S/x04.db" --lake "$S/x-lake" capture --duration 00:01:00
run_case X05 "bad5 capture, stream answers 403" 1 -t 40 -c names_token_setting -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_x403" "${STREAMER[@]}" --db "$S/x05.db" --lake "$S/x-lake" capture --duration 00:01:00 --no-rules-sync
run_case X06 "bad5 capture, stream answers 500 throughout" 1 -t 60 -c never_connected -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_x500" "${STREAMER[@]}" --db "$S/x06.db" --lake "$S/x-lake" capture --duration 00:00:08 --no-rules-sync
run_case X07 "bad5 rules list, 401" 1 -t 40 -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_x401" "${STREAMER[@]}" --db "$S/x07.db" rules list
run_case X08 "capture connected through --duration: success" 0 -t 60 -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_stream" "${STREAMER[@]}" --db "$S/x08.db" --lake "$S/x-lake" capture --duration 00:00:06 --no-rules-sync
sig_case X09 "bad6 SIGINT streamer capture (connected)" INT 130 "" 8 -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_stream" "${STREAMER[@]}" --db "$S/x09.db" --lake "$S/x-lake" capture --no-rules-sync
sig_case X10 "bad6 SIGTERM streamer capture (connected)" TERM 143 "" 8 -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$PORT_stream" "${STREAMER[@]}" --db "$S/x10.db" --lake "$S/x-lake" capture --no-rules-sync
sig_case X11 "bad6 SIGINT streamer capture (backing off)" INT 130 "" 8 -- "${XCAP[@]}" "X__BaseUrl=http://127.0.0.1:$CLOSED_PORT" "${STREAMER[@]}" --db "$S/x11.db" --lake "$S/x-lake" capture --no-rules-sync

# TMDB: gives up in time, never echoes its token; signals.
TMDB=(env "Tmdb__AccessToken=$TMDB_TOKEN")
par run_case M01 "tmdb answers 401: stops in time" 1 -t 120 -- "${TMDB[@]}" "Tmdb__BaseUrl=http://127.0.0.1:$PORT_x401/" "${STREAMER[@]}" --lake "$S/m-lake" tmdb --date 2020-11-23
par run_case M02 "tmdb port closed: gives up in time" 1 -t 180 -- "${TMDB[@]}" "Tmdb__BaseUrl=http://127.0.0.1:$CLOSED_PORT/" "${STREAMER[@]}" --lake "$S/m-lake" tmdb --date 2020-11-23
par run_case M03 "tmdb answers 500: gives up in time" 1 -t 180 -- "${TMDB[@]}" "Tmdb__BaseUrl=http://127.0.0.1:$PORT_x500/" "${STREAMER[@]}" --lake "$S/m-lake" tmdb --date 2020-11-23
sig_case M04 "bad6 SIGINT streamer tmdb mid-retries" INT 130 "" 6 -- "${TMDB[@]}" "Tmdb__BaseUrl=http://127.0.0.1:$PORT_x500/" Tmdb__MaxFailureShare=1 "${STREAMER[@]}" --lake "$S/m-lake" tmdb --date 2020-11-23

# ---------------------------------------------------------------------------------------------------------
# Replay: an over-long line is quarantined, random bytes give one summary.
kept_two() { grep -qiE 'over-long|4 MiB|quarantin' "$1" "$2" || { echo "the over-long line is not reported"; return 1; }; }
run_case S01 "replay over-long line kept around" 0 -t 120 -c kept_two -- "${STREAMER[@]}" --db "$S/s01.db" replay "$S/overlong.jsonl"
# The replay logs the first 20 malformed lines one by one (two lines each), then one summary (docs/streamer.md).
few_lines() { local n; n=$(cat "$1" "$2" | wc -l); ((n <= 50)) || { echo "$n lines of output for one bad file"; return 1; }; }
run_case S02 "replay of random bytes: one summary" "0|1" -t 120 -c few_lines -- "${STREAMER[@]}" --db "$S/s02.db" replay "$S/random.jsonl"
par run_case S03 "replay of a missing file" "1|2" -- "${STREAMER[@]}" --db "$S/s03.db" replay "$S/no-such.jsonl"
par run_case S04 "streamer unknown command" 2 -- "${STREAMER[@]}" frobnicate
par run_case S05 "status of a missing store" "0|1" -- "${STREAMER[@]}" --db "$S/no-such.db" status

# Two uploads of one store at once: the second waits or refuses.
run_case S06 "replay 200k posts (fixture for the upload race)" 0 -t 300 -- "${STREAMER[@]}" --db "$S/up.db" replay "$S/posts.jsonl"
upload_race() {
    local a_out=$CASES/S07a.out a_err=$CASES/S07a.err
    "${STREAMER[@]}" --db "$S/up.db" --lake "$S/up-lake" upload >"$a_out" 2>"$a_err" &
    local a=$! i held=0
    for i in $(seq 300); do
        if [[ -e $S/up.db.upload.lock ]] && ! flock -n "$S/up.db.upload.lock" true 2>/dev/null; then held=1; break; fi
        kill -0 $a 2>/dev/null || break
        sleep 0.1
    done
    if ((held == 0)); then wait $a; echo "first upload ended before it could be raced (inconclusive)"; return 1; fi
    env Upload__LockWait=00:00:00 "${STREAMER[@]}" --db "$S/up.db" --lake "$S/up-lake" upload
    local rc=$?
    wait $a
    return $rc
}
upload_busy() { grep -qi 'another upload' "$2" || { echo "the second upload does not say another one runs"; return 1; }; }
run_case S07 "two uploads at once: second refuses (LockWait=0)" 1 -t 300 -c upload_busy -- upload_race
staging_own() { [[ -e $S/up.db.upload-staging || ! -e /tmp/trendingtv-upload ]] || { echo "staging in shared /tmp/trendingtv-upload"; return 1; }; }
run_case S08 "upload again: nothing new, own staging folder" 0 -t 120 -c staging_own -- "${STREAMER[@]}" --db "$S/up.db" --lake "$S/up-lake" upload
waits_race() {
    "${STREAMER[@]}" --db "$S/up2.db" --lake "$S/up2-lake" upload >"$CASES/S09a.out" 2>"$CASES/S09a.err" &
    local a=$! i
    for i in $(seq 300); do
        [[ -e $S/up2.db.upload.lock ]] && ! flock -n "$S/up2.db.upload.lock" true 2>/dev/null && break
        kill -0 $a 2>/dev/null || break
        sleep 0.1
    done
    env Upload__LockWait=00:02:00 "${STREAMER[@]}" --db "$S/up2.db" --lake "$S/up2-lake" upload
    local rc=$?
    wait $a || return 1
    return $rc
}
run_case S09a "replay again (second store)" 0 -t 300 -- "${STREAMER[@]}" --db "$S/up2.db" replay "$S/posts.jsonl"
run_case S09 "two uploads at once: second waits, both succeed" 0 -t 300 -- waits_race

# ---------------------------------------------------------------------------------------------------------
# Bad 6: demo and run stop on SIGINT/SIGTERM and leave the lake without scratch.
cp -r "$S/demo" "$S/sig-run-lake"; cp -r "$S/demo" "$S/sig-run-lake2"
tmp_free() { no_tmp_in "$S/sig-run-lake" && no_tmp_in "$S/sig-run-lake2" && no_tmp_in "$S/sig-demo" && no_tmp_in "$S/sig-demo2"; }
DEMO_END=$(date -u -d "$DEMO_DAY + 6 days" +%F)
sig_case G01 "bad6 SIGINT trendingtv run" INT 130 "" 5 -c tmp_free -- "${CLI[@]}" run --lake "$S/sig-run-lake" --from "$DEMO_DAY" --to "$DEMO_END"
sig_case G02 "bad6 SIGTERM trendingtv run" TERM 143 "" 5 -c tmp_free -- "${CLI[@]}" run --lake "$S/sig-run-lake2" --from "$DEMO_DAY" --to "$DEMO_END"
sig_case G03 "bad6 SIGINT trendingtv demo" INT 130 "" 6 -c tmp_free -- "${CLI[@]}" demo --days 7 --posts-per-day 30000 --lake "$S/sig-demo" --out "$S/sig-demo-out"
sig_case G04 "bad6 SIGTERM trendingtv demo" TERM 143 "" 6 -c tmp_free -- "${CLI[@]}" demo --days 7 --posts-per-day 30000 --lake "$S/sig-demo2" --out "$S/sig-demo2-out"
sig_case G05 "bad6 SIGTERM streamer replay (200k posts)" TERM 143 "" 4 -- "${STREAMER[@]}" --db "$S/g05.db" replay "$S/posts.jsonl" --rate 20000
run_case G06 "lake consistent after the stopped run: report works" "0|1" -c tmp_free -- "${CLI[@]}" report --lake "$S/sig-run-lake" --from "$DEMO_DAY" --to "$DEMO_DAY" --format json

# ---------------------------------------------------------------------------------------------------------
# HTTP backfill on trendingtv serve (loopback, in-memory durable backend): the validator's limits and the key.
SERVE_PORT=$(free_port)
(
    bash -c 'echo $$ >"$0"; exec "$@"' "$S/serve.pid" env Serve__ApiKey=$SERVE_KEY Durable__Backend=InMemory "${CLI[@]}" serve \
        --urls "http://127.0.0.1:$SERVE_PORT" --state "$S/serve-state" --lake "$S/ref" >"$CASES/serve.out" 2>"$CASES/serve.err"
    echo $? >"$S/serve.rc"
) &
for i in $(seq 240); do
    [[ -s $S/serve.pid ]] && curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$SERVE_PORT/healthz" && break
    [[ -e $S/serve.rc ]] && break
    sleep 0.5
done
SERVE_PID=$(cat "$S/serve.pid" 2>/dev/null)
API=http://127.0.0.1:$SERVE_PORT/api/backfill
K=(-H "x-functions-key: $SERVE_KEY" -H 'Content-Type: application/json' -X POST)
http_case H01 "backfill unknown field 'dataset'" 400 "${K[@]}" "$API" -d '{"from":"2020-11-23","to":"2020-11-24","dataset":["tweet"]}'
BIG=$(python3 -c 'print("{\"from\":\"2020-11-23\",\"to\":\"2020-11-24\"" + " " * 5000 + "}")')
http_case H02 "backfill body over 4 KiB" 400 "${K[@]}" "$API" -d "$BIG"
http_case H03 "backfill without key" 401 -X POST "$API" -H 'Content-Type: application/json' -d '{"from":"2020-11-23","to":"2020-11-24"}'
http_case H04 "backfill wrong key" 401 -X POST -H "x-functions-key: wrong-key-0123456789" "$API" -d '{"from":"2020-11-23","to":"2020-11-24"}'
http_case H05 "backfill wrong ?code=" 401 -X POST "$API?code=nope" -d '{"from":"2020-11-23","to":"2020-11-24"}'
http_case H06 "backfill 2020-02-30" 400 "${K[@]}" "$API" -d '{"from":"2020-02-30","to":"2020-03-01"}'
http_case H07 "backfill reversed" 400 "${K[@]}" "$API" -d '{"from":"2020-11-24","to":"2020-11-23"}'
http_case H08 "backfill 367 days" 400 "${K[@]}" "$API" -d '{"from":"2019-01-01","to":"2020-01-02"}'
http_case H09 "backfill unknown dataset" 400 "${K[@]}" "$API" -d '{"from":"2020-11-23","to":"2020-11-24","datasets":["tv"]}'
http_case H09b "backfill dataset alias tweets (accepted: same as tweet)" 202 "${K[@]}" "$API" -d '{"from":"2020-11-23","to":"2020-11-23","datasets":["tweets"]}'
http_case H10 "backfill not JSON" 400 "${K[@]}" "$API" -d 'from=2020-11-23'
http_case H11 "backfill date not over (9999)" 400 "${K[@]}" "$API" -d '{"from":"9999-12-30","to":"9999-12-31"}'
http_case H12 "backfill empty body" 400 "${K[@]}" "$API" -d ''
http_case H13 "status without key" 401 "http://127.0.0.1:$SERVE_PORT/api/runs/tweet/2020-11-23"
http_case H14 "healthz (no key needed)" 200 "http://127.0.0.1:$SERVE_PORT/healthz"
serve_stop() {
    kill -TERM $SERVE_PID 2>/dev/null
    local i
    for i in $(seq 40); do kill -0 $SERVE_PID 2>/dev/null || break; sleep 0.25; done
    if kill -0 $SERVE_PID 2>/dev/null; then kill -9 $SERVE_PID; cat "$CASES/serve.err" >&2; return 124; fi
    for i in $(seq 20); do [[ -s $S/serve.rc ]] && break; sleep 0.25; done
    cat "$CASES/serve.err" >&2
    return "$(cat "$S/serve.rc")"
}
run_case H15 "bad6 SIGTERM serve (stops in 10 s)" 143 -t 30 -- serve_stop

# ---------------------------------------------------------------------------------------------------------
# Credentials never echo: the whole CLI log, once more.
log_clean() {
    local s
    for s in "${SECRETS[@]}"; do grep -qF -- "$s" "$S"/trendingtv.log* "$CASES"/* 2>/dev/null && { echo "a secret is in the log or an output file"; return 1; }; done
    return 0
}
run_case Z01 "no secret in any output or the log file" 0 -c log_clean -- true

barrier
N=$(cat "$CASES"/*.row | wc -l)
PASS=$(grep -c '| PASS |$' "$CASES"/*.row | awk -F: '{s+=$2} END {print s}')
FAIL=$((N - PASS))
echo
echo "$N cases, $PASS pass, $FAIL fail"
if ((FAIL > 0)); then
    echo "failed: $(grep -L '| PASS |$' "$CASES"/*.row | xargs -n1 basename | sed 's/\.row$//' | tr '\n' ' ')(outputs in $CASES)"
    exit 1
fi
exit 0
}
