using System.Text.RegularExpressions;
using NetArchTest.Rules;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Architecture;

/// <summary>
/// The layering rule of the client library (docs/architecture.md): <c>Pipeline/</c> (everything between the interface call and the
/// socket) never names a helper type, and the helpers (<c>Polling/</c>, <c>Paging/</c>, <c>FunctionTools/</c>, <c>Streaming/</c>,
/// <c>ResponseMetadata/</c>) reach the pipeline only through its one seam, <c>OpenAIClientContext</c>. Helper types are found by the
/// folder their source file is in (their public types keep namespace <c>OpenAiApi.Refit</c>), pipeline types by their namespace.
/// </summary>
public sealed partial class LayerTests
{
    private const string PipelineNamespace = "OpenAiApi.Refit.Pipeline";
    private const string Seam = PipelineNamespace + ".OpenAIClientContext";

    private static readonly string[] HelperFolders = ["Polling", "Paging", "FunctionTools", "Streaming", "ResponseMetadata"];

    /// <summary>Values the pipeline produces and the exceptions carry too (<c>OpenAIRateLimitException.RateLimits</c>): data, not
    /// helper behaviour; they live beside the helper that hands them to callers.</summary>
    private static readonly string[] SharedValues = ["OpenAiApi.Refit.OpenAIResponseMetadata", "OpenAiApi.Refit.OpenAIRateLimits"];

    private static readonly System.Reflection.Assembly Library = typeof(IRunsApi).Assembly;

    [Test]
    public void Pipeline_NeverNamesAHelperType()
    {
        string[] helpers = HelperTypeNames().Except(SharedValues).ToArray();
        Assert.That(helpers, Has.Length.GreaterThan(20), "the helper folders were found and read");

        TestResult result = Types.InAssembly(Library).That().ResideInNamespace(PipelineNamespace)
            .ShouldNot().HaveDependencyOnAny(helpers).GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, "pipeline types that name a helper type");
    }

    [Test]
    public void Helpers_ReachThePipelineOnlyThroughTheSeam()
    {
        string[] pipeline = Types.InAssembly(Library).That().ResideInNamespace(PipelineNamespace).GetTypes()
            .Select(t => t.FullName!.Replace('+', '/'))
            .Where(name => !name.StartsWith(Seam, StringComparison.Ordinal) && !name.Contains('<', StringComparison.Ordinal))
            .ToArray();
        Assert.That(pipeline, Has.Length.GreaterThan(10), "the pipeline types were found");

        TestResult result = Types.InAssembly(Library).That().DoNotResideInNamespace(PipelineNamespace)
            .ShouldNot().HaveDependencyOnAny(pipeline).GetResult();
        string[] helpers = HelperTypeNames();
        string[] offenders = (result.FailingTypeNames ?? []).Where(name => helpers.Any(h => IsOrNests(name, h))).ToArray();

        Assert.That(offenders, Is.Empty, "helper types that reach the pipeline other than through OpenAIClientContext");
    }

    [Test]
    public void PipelineFolder_IsOneInternalNamespace()
    {
        string folder = Path.Combine(LibraryDirectory(), "Pipeline");
        Assert.Multiple(() =>
        {
            foreach (string file in Directory.EnumerateFiles(folder, "*.cs"))
            {
                Assert.That(File.ReadAllText(file), Does.Contain($"namespace {PipelineNamespace};"), Path.GetFileName(file));
            }

            Assert.That(
                Types.InAssembly(Library).That().ResideInNamespace(PipelineNamespace).And().AreNotNested().GetTypes().Where(t => t.IsPublic),
                Is.Empty,
                "the pipeline is internal");
        });
    }

    [Test]
    public void LibraryRoot_HoldsTheClientAndNothingElse()
    {
        string[] root = Directory.EnumerateFiles(LibraryDirectory(), "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

        Assert.That(root, Is.EqualTo(new[]
        {
            "IAssistantsApi.cs", "IMessagesApi.cs", "IRunsApi.cs", "IThreadsApi.cs", "OpenAIAssistantsClient.cs", "OpenAIAssistantsClientOptions.cs",
        }));
        foreach (string gone in new[] { "Internal", "Http", "Resilience" })
        {
            string folder = Path.Combine(LibraryDirectory(), gone);
            Assert.That(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Any(), Is.False, gone);
        }
    }

    private static bool IsOrNests(string typeName, string outer) =>
        typeName == outer || typeName.StartsWith(outer + "/", StringComparison.Ordinal) || typeName.StartsWith(outer + "+", StringComparison.Ordinal);

    /// <summary>The full names of the top-level types declared in the helper folders' source files.</summary>
    private static string[] HelperTypeNames()
    {
        var names = new List<string>();
        foreach (string folder in HelperFolders)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(LibraryDirectory(), folder), "*.cs"))
            {
                string text = File.ReadAllText(file);
                string ns = NamespaceDeclaration().Match(text).Groups[1].Value;
                names.AddRange(TopLevelType().Matches(text).Select(m => ns + "." + m.Groups[1].Value + Arity(m.Groups[2].Value)));
            }
        }

        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The metadata suffix of a generic type (<c>OpenAIResponse&lt;T&gt;</c> is <c>OpenAIResponse`1</c>), so that a name is never
    /// the prefix of another type's name.</summary>
    private static string Arity(string typeParameters) =>
        typeParameters.Length == 0 ? string.Empty : "`" + (typeParameters.Count(c => c == ',') + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string LibraryDirectory()
    {
        for (DirectoryInfo? dir = new(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenAiApi.Refit.sln")))
            {
                return Path.Combine(dir.FullName, "src", "OpenAiApi.Refit");
            }
        }

        throw new DirectoryNotFoundException("The repository root (OpenAiApi.Refit.sln) was not found above the test directory.");
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^(?:public|internal)(?: (?:static|sealed|abstract|partial|readonly))* (?:class|record|struct|interface|enum)(?: struct| class)? (\w+)(<[^>]+>)?", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}
