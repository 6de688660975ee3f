using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>The job of every benchmark: short (one process, 6 warm-up and 15 measured iterations) so that all five scenarios run
/// in about five minutes on two cores; Release is enforced by BenchmarkDotNet. The median is shown beside the mean: on a shared
/// machine it is the steadier of the two.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(15).WithId("Short"));
        AddColumn(StatisticColumn.Median);
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount, Column.Error);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}

/// <summary>The shared plumbing: the three clients, built once, and a sink reused by every operation.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public abstract class ScenarioBenchmarks
{
    private Clients? _clients;
    private protected readonly Sink Sink = new(keep: false);

    private protected Clients Clients => _clients ?? throw new InvalidOperationException("Not set up.");

    [GlobalSetup]
    public void Setup() => _clients = Clients.Create();

    [GlobalCleanup]
    public void Cleanup() => _clients?.Dispose();

    private protected long Done()
    {
        long result = Sink.Items + Sink.TextLength;
        Sink.Reset();
        return result;
    }
}

/// <summary>GET a 2 KB run.</summary>
public class GetRun : ScenarioBenchmarks
{
    [Benchmark(Baseline = true)]
    public async Task<long> Baseline() { await Scenarios.GetRunBaseline(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> Official() { await Scenarios.GetRunOfficial(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> OpenAiApiRefit() { await Scenarios.GetRunOurs(Clients, Sink); return Done(); }
}

/// <summary>GET one page of 100 messages (~100 KB).</summary>
public class ListMessages : ScenarioBenchmarks
{
    [Benchmark(Baseline = true)]
    public async Task<long> Baseline() { await Scenarios.ListMessagesBaseline(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> Official() { await Scenarios.ListMessagesOfficial(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> OpenAiApiRefit() { await Scenarios.ListMessagesOurs(Clients, Sink); return Done(); }
}

/// <summary>POST a message (request body) and read the 0.7 KB reply.</summary>
public class CreateMessage : ScenarioBenchmarks
{
    [Benchmark(Baseline = true)]
    public async Task<long> Baseline() { await Scenarios.CreateMessageBaseline(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> Official() { await Scenarios.CreateMessageOfficial(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> OpenAiApiRefit() { await Scenarios.CreateMessageOurs(Clients, Sink); return Done(); }
}

/// <summary>A streamed run: 1,011 SSE events (1,000 text deltas, ~190 KB), every event consumed.</summary>
public class StreamRun : ScenarioBenchmarks
{
    [Benchmark(Baseline = true)]
    public async Task<long> Baseline() { await Scenarios.StreamRunBaseline(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> Official() { await Scenarios.StreamRunOfficial(Clients, Sink); return Done(); }

    [Benchmark]
    public async Task<long> OpenAiApiRefit() { await Scenarios.StreamRunOurs(Clients, Sink); return Done(); }
}

/// <summary>Auto-pagination over 100 pages of 100 messages; time and allocation are reported per message.</summary>
public class GetAllMessages : ScenarioBenchmarks
{
    private const int Messages = Payloads.PageCount * Payloads.PageSize;

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task<long> Baseline() { await Scenarios.GetAllMessagesBaseline(Clients, Sink); return Done(); }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> Official() { await Scenarios.GetAllMessagesOfficial(Clients, Sink); return Done(); }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> OpenAiApiRefit() { await Scenarios.GetAllMessagesOurs(Clients, Sink); return Done(); }
}
