namespace TrendingTv.Streamer.Sources.Replay;

/// <summary>One line of a replay file: its bytes (without the newline; empty when <see cref="TooLong"/>), the file offset after it and its 1-based number (-1 after a resume).</summary>
internal readonly record struct ReplayLine(ReadOnlyMemory<byte> Bytes, long OffsetAfter, long Number, bool TooLong);
