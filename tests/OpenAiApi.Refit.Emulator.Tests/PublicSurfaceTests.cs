using NUnit.Framework;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>The emulator package's public surface is deliberate: the server (start, stop, addresses, key, faults, reset), its
/// options (the chat model's included) and its timing. Everything else (endpoints, store, run engine, fault parser, command line) is internal, so it can change
/// without breaking the test projects that reference the package. A new public type is a decision: add it here on purpose.</summary>
public sealed class PublicSurfaceTests
{
    [Test]
    public void EmulatorAssembly_ExportsOnlyTheServerItsOptionsAndTiming()
    {
        string[] exported = [.. typeof(AssistantsEmulator).Assembly.GetExportedTypes().Select(t => t.FullName!).Order(StringComparer.Ordinal)];

        Assert.That(exported, Is.EqualTo(new[]
        {
            "OpenAiApi.Refit.Emulator.AssistantsEmulator",
            "OpenAiApi.Refit.Emulator.AssistantsEmulatorOptions",
            "OpenAiApi.Refit.Emulator.EmulatorChatModelOptions",
            "OpenAiApi.Refit.Emulator.EmulatorRunTiming",
        }));
    }

    [Test]
    public void AssistantsEmulator_PublicMembers_AreTheLifecycleAddressesKeyAndFaults()
    {
        string[] members = [.. typeof(AssistantsEmulator)
            .GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m is not System.Reflection.MethodInfo { IsSpecialName: true })
            .Select(m => m.Name)
            .Distinct()
            .Order(StringComparer.Ordinal)];

        Assert.That(members, Is.EqualTo(new[]
        {
            "ApiKey", "BaseAddress", "ClearFaults", "DisposeAsync", "FaultHeaderName", "InjectFault", "Reset", "RootAddress", "StartAsync",
        }));
    }
}
