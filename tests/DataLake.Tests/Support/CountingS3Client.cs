using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.S3;

namespace TrendingTv.DataLake.Tests.Support;

/// <summary>An <see cref="IAmazonS3"/> that forwards every call to a real client and counts calls by method name.</summary>
#pragma warning disable CA1852 // DispatchProxy needs an unsealed type
internal class CountingS3Client : DispatchProxy
#pragma warning restore CA1852
{
    private IAmazonS3 _inner = null!;

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    public static (IAmazonS3 Client, CountingS3Client Counter) Wrap(IAmazonS3 inner)
    {
        var client = Create<IAmazonS3, CountingS3Client>();
        var counter = (CountingS3Client)(object)client;
        counter._inner = inner;
        return (client, counter);
    }

    public int Count(string method) => Calls.GetValueOrDefault(method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
