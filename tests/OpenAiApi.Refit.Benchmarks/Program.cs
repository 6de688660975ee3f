using BenchmarkDotNet.Running;
using OpenAiApi.Refit.Benchmarks;

// From the repository root (BenchmarkDotNet looks for this project below the current folder):
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --verify        checks that the three clients agree, then exits
//   dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --filter '*'    verifies, then runs every benchmark
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--verify").ToArray());
return 0;
