using NUnit.Framework;

namespace OpenAiApi.Refit.Emulator.Tests.Infrastructure;

/// <summary>
/// Runs once for the test assembly. Fixtures run in parallel, several host WireMock servers (the chat-model endpoint stubs) and
/// spawn standalone emulators; on a 2-core machine the pool starts with two threads and adds one only about every half second
/// when all are busy, so a WireMock answer could wait long enough for the emulator's chat client to time out. More threads from
/// the start keep the stubs answering when the test expects.
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
