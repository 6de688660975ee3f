using NUnit.Framework;

namespace OpenAiApi.Refit.Tests;

/// <summary>
/// Runs once for the test assembly. WireMock.Net 1.25 writes an SSE body (<c>WithSseBody</c>) from a loop that blocks a thread-pool
/// thread in <c>Monitor.Wait</c> while its queue is empty. On a 2-core machine the pool starts with two threads, and the pool adds
/// one more only about every half second when all are blocked, so the scripted server's own <c>Task.Delay</c> continuations, and the
/// client's reads, could wait more than a second: a stream test with a 1 s idle timeout then failed about one run in ten (measured
/// on this project's CI machine class). More threads from the start keep the server's timing what the test scripts.
/// </summary>
[SetUpFixture]
public sealed class ThreadPoolSetUp
{
    private const int MinThreads = 32;

    [OneTimeSetUp]
    public void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, MinThreads), Math.Max(completionPorts, MinThreads));
    }
}
