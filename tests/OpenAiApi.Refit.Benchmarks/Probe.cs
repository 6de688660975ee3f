using System.Diagnostics;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>
/// <c>--probe SCENARIO [OPS]</c>: a quick attribution tool, not a benchmark. It runs one scenario (GetRun, List, Create, Stream, All)
/// OPS times per client variant and prints the best per-operation time of ten rounds (the minimum resists the noise of a busy machine)
/// and the exact allocated bytes per operation. Variants of our client: <c>default</c>, <c>noretry</c> (MaxRetries = 0),
/// <c>notimeout</c> (no attempt timeout), <c>neither</c>; then <c>baseline</c> (and <c>official</c> with OFFICIAL=1).
/// ONLY=variant runs one variant; ROUNDS=1 prints each round's time too; ALLOC=1 prints, instead of times, the allocations by type (GC
/// allocation-tick samples), which is how the per-type tables of docs/benchmarks.md were made.
/// </summary>
internal static class Probe
{
    public static async Task RunAsync(string[] args)
    {
        string scenario = args.Length > 1 ? args[1] : "GetRun";
        int ops = args.Length > 2
            ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)
            : scenario == "All" ? 20 : 20_000; // one All operation walks 100 pages
        string? only = Environment.GetEnvironmentVariable("ONLY");
        var variants = new (string Name, Action<OpenAIAssistantsClientOptions> Configure)[]
        {
            ("default", _ => { }),
            ("noretry", o => o.MaxRetries = 0),
            ("notimeout", o => o.AttemptTimeout = Timeout.InfiniteTimeSpan),
            ("neither", o => { o.MaxRetries = 0; o.AttemptTimeout = Timeout.InfiniteTimeSpan; }),
        };

        foreach ((string name, Action<OpenAIAssistantsClientOptions> configure) in variants)
        {
            if (only is not null && only != name)
            {
                continue;
            }

            using Clients ours = Clients.Create(configure: configure);
            var sink = new Sink(keep: false);
            await MeasureAsync(name, Operation(scenario, "ours", ours, sink), ops).ConfigureAwait(false);
        }

        using Clients clients = Clients.Create();
        var shared = new Sink(keep: false);
        if (only is null or "baseline")
        {
            await MeasureAsync("baseline", Operation(scenario, "baseline", clients, shared), ops).ConfigureAwait(false);
        }

        if (only == "refitless")
        {
            // Our pipeline without Refit (GetRun only): the request sent through our HttpClient by hand, the body read with our metadata.
            using Clients withoutRefit = Clients.Create();
            await MeasureAsync("refitless", Operation(scenario, "refitless", withoutRefit, shared), ops).ConfigureAwait(false);
        }

        if (Environment.GetEnvironmentVariable("OFFICIAL") == "1" || only == "official")
        {
            await MeasureAsync("official", Operation(scenario, "official", clients, shared), ops).ConfigureAwait(false);
        }
    }

    private static Func<Task> Operation(string scenario, string client, Clients c, Sink sink) => (scenario, client) switch
    {
        ("GetRun", "ours") => () => Scenarios.GetRunOurs(c, sink),
        ("GetRun", "refitless") => () => Scenarios.GetRunRefitless(c, sink),
        ("GetRun", "baseline") => () => Scenarios.GetRunBaseline(c, sink),
        ("GetRun", _) => () => Scenarios.GetRunOfficial(c, sink),
        ("List", "ours") => () => Scenarios.ListMessagesOurs(c, sink),
        ("List", "baseline") => () => Scenarios.ListMessagesBaseline(c, sink),
        ("List", _) => () => Scenarios.ListMessagesOfficial(c, sink),
        ("Create", "ours") => () => Scenarios.CreateMessageOurs(c, sink),
        ("Create", "baseline") => () => Scenarios.CreateMessageBaseline(c, sink),
        ("Create", _) => () => Scenarios.CreateMessageOfficial(c, sink),
        ("Stream", "ours") => () => Scenarios.StreamRunOurs(c, sink),
        ("Stream", "baseline") => () => Scenarios.StreamRunBaseline(c, sink),
        ("Stream", _) => () => Scenarios.StreamRunOfficial(c, sink),
        ("All", "ours") => () => Scenarios.GetAllMessagesOurs(c, sink),
        ("All", "baseline") => () => Scenarios.GetAllMessagesBaseline(c, sink),
        ("All", _) => () => Scenarios.GetAllMessagesOfficial(c, sink),
        _ => throw new ArgumentException($"Unknown scenario '{scenario}': GetRun, List, Create, Stream or All."),
    };

    private static async Task MeasureAsync(string name, Func<Task> op, int ops)
    {
        // Warm-up: OPS operations and at least three seconds, so tiered JIT (instrumented, then optimized with its profile) reaches
        // its final code. Twenty thousand GetRuns take a third of a second, too little: the times measured then were 1.5 times slower.
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; i < ops || warmUp.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            await op().ConfigureAwait(false);
        }

        if (Environment.GetEnvironmentVariable("ALLOC") == "1")
        {
            await AllocationsByTypeAsync(name, op, ops).ConfigureAwait(false);
            return;
        }

        int perRound = Math.Max(1, ops / 10);
        double best = double.MaxValue;
        double allocated = 0;
        int gen2Before = GC.CollectionCount(2);
        for (int round = 0; round < 10; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < perRound; i++)
            {
                await op().ConfigureAwait(false);
            }

            watch.Stop();
            allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)perRound;
            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / perRound);
            if (Environment.GetEnvironmentVariable("ROUNDS") == "1")
            {
                Console.WriteLine($"   round {round}: {watch.Elapsed.TotalMicroseconds / perRound,10:F2} us"); // the VM's slow phases show here
            }
        }

        double gen2PerThousand = (GC.CollectionCount(2) - gen2Before) * 1000.0 / (perRound * 10);
        Console.WriteLine($"{name,-12} min {best,10:F2} us  {allocated,10:F0} B  gen2/1000 ops {gen2PerThousand,6:F2}");
    }

    private static async Task AllocationsByTypeAsync(string name, Func<Task> op, int ops)
    {
        using var listener = new AllocationListener();
        listener.Enabled = true;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < ops; i++)
        {
            await op().ConfigureAwait(false);
        }

        double perOp = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)ops;
        listener.Enabled = false;
        long samples = listener.Samples.Values.Sum();
        Console.WriteLine($"== {name}: {perOp:F0} B/op, {samples} samples (shares are sampled, so approximate)");
        foreach (KeyValuePair<string, long> type in listener.Samples.OrderByDescending(t => t.Value).Take(30))
        {
            Console.WriteLine($"   {type.Value * 100.0 / samples,5:F1}%  ~{perOp * type.Value / samples,9:F0} B  {type.Key}");
        }
    }
}
