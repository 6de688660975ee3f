using BenchmarkDotNet.Running;
using OpenAiApi.Refit.Benchmarks;

// From the repository root (BenchmarkDotNet looks for this project below the current folder):
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --verify        checks that the three clients agree, then exits
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --filter '*'    verifies, then runs every benchmark (short job)
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --job medium --filter '*'   the same with MediumRun (published results)
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --probe List    quick per-variant attribution (see Probe.cs)
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --emulator-store the emulator's stores under load (EmulatorStoreLoad.cs)
if (args is ["--probe", ..])
{
    await Probe.RunAsync(args);
    return 0;
}

if (args is ["--emulator-store", ..])
{
    await EmulatorStoreLoad.RunAsync(args);
    return 0;
}

Console.WriteLine(
    $"payloads: run {Payloads.Run.Length} B, list {Payloads.MessageList.Length} B, created message {Payloads.CreatedMessage.Length} B, " +
    $"stream {Payloads.RunStream.Length} B ({Payloads.StreamEventCount} events), {Payloads.PageCount} pages {Payloads.Pages.Values.Sum(p => (long)p.Length)} B");
if (!await Verifier.RunAsync(Console.Out))
{
    return 1; // no benchmark of a client that does less than the others
}

if (args is ["--verify"])
{
    return 0;
}

// "--job medium" is ours (BenchmarkDotNet's own --job would add a job beside the config's): the config then uses MediumRun.
List<string> rest = args.Where(a => a != "--verify").ToList();
int job = rest.IndexOf("--job");
if (job >= 0 && job + 1 < rest.Count && rest[job + 1].Equals("medium", StringComparison.OrdinalIgnoreCase))
{
    Environment.SetEnvironmentVariable(BenchConfig.JobVariable, "medium");
    rest.RemoveRange(job, 2);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.ToArray());
return 0;
