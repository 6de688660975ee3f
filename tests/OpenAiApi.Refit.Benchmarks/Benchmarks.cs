using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>The job of every benchmark. By default short (one process, 6 warm-up and 15 measured iterations) so that all five
/// scenarios run in a few minutes on two cores; with <c>--job medium</c> (<see cref="Program"/>) BenchmarkDotNet's MediumRun (two
/// processes, 10 warm-up and 15 measured iterations each), the job of the published results. Release is enforced by BenchmarkDotNet.
/// The median is shown beside the mean (on a shared machine it is the steadier of the two), and so is the Gen2 collections per 1,000
/// pages of the two list scenarios.</summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>The environment variable that <c>--job medium</c> sets, so the benchmark processes BenchmarkDotNet starts agree.</summary>
    public const string JobVariable = "OPENAIAPI_BENCH_JOB";

    private static bool Medium => Environment.GetEnvironmentVariable(JobVariable) == "medium";

    public BenchConfig()
    {
        AddJob(Medium
            ? Job.MediumRun.WithId("MediumRun")
            : Job.Default.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(15).WithId("Short"));
        AddColumn(StatisticColumn.Median);
        AddColumn(new Gen2PerThousandPagesColumn());
        WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value));
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount, Column.Error);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}

/// <summary>Gen2 collections per 1,000 pages of 100 messages: the large-object-heap check of the list scenarios (a page body copied
/// into one array of its size lands on the large-object heap, and each such array brings a Gen2 collection closer). ListMessages
/// reads one page per operation; GetAllMessages reports per message, 100 per page. Empty for the other scenarios.</summary>
public sealed class Gen2PerThousandPagesColumn : IColumn
{
    public string Id => nameof(Gen2PerThousandPagesColumn);

    public string ColumnName => "Gen2/1k pages";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Metric;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Gen2 collections per 1,000 pages of 100 messages (list scenarios only)";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double pagesPerOperation = benchmarkCase.Descriptor.Type.Name switch
        {
            nameof(ListMessages) => 1,
            nameof(GetAllMessages) => 1.0 / Payloads.PageSize,
            _ => 0,
        };
        if (pagesPerOperation == 0 || summary[benchmarkCase] is not { } report || report.GcStats.TotalOperations == 0)
        {
            return "-";
        }

        double pages = report.GcStats.TotalOperations * pagesPerOperation;
        return (report.GcStats.Gen2Collections * 1000.0 / pages).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
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
