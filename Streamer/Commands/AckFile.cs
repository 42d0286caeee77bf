using System.Globalization;
using System.Text;
using TrendingTv.Streamer.Capture;

namespace TrendingTv.Streamer.Commands;

/// <summary>The <c>--ack-file</c> of a replay or a capture: the id of each post stored, appended once its batch has committed (for audits).</summary>
internal sealed class AckFile(string path) : IDisposable
{
    private readonly FileStream _file = new(path, FileMode.Append, FileAccess.Write, FileShare.Read);

    public void Append(CommittedBatch batch)
    {
        var overCap = batch.Result.OverCapIds.Count == 0 ? null : batch.Result.OverCapIds.ToHashSet();
        var text = new StringBuilder();
        foreach (var post in batch.Posts.Where(p => p.Kind == CapturedKind.Post && (overCap is null || !overCap.Contains(p.Id))))
        {
            text.Append(post.Id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        _file.Write(Encoding.ASCII.GetBytes(text.ToString()));
        _file.Flush();
    }

    public void Dispose() => _file.Dispose();
}
