using System.Reflection;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Architecture;

/// <summary>
/// docs/reliability.md stays true: every row of the failure contract is proven by at least one test tagged
/// <c>[Property("ReliabilityRow", "NN")]</c> (so <c>dotnet test --filter "ReliabilityRow=NN"</c> runs its proof), every test the doc
/// names exists where the doc says and carries its row's tag, and every fixture path it links to is a file. Client tests are read by
/// reflection over this assembly; the emulator's (paths starting <c>Emulator.Tests/</c>) from their source.
/// </summary>
public sealed partial class ReliabilityContractTests
{
    private const string RowProperty = "ReliabilityRow";

    private static readonly Assembly Tests = typeof(ReliabilityContractTests).Assembly;

    [Test]
    public void EveryRow_HasATaggedTest()
    {
        IReadOnlyList<Row> rows = Rows();
        Assert.That(rows, Has.Count.GreaterThan(40), "the contract's rows were found and read");
        Dictionary<string, List<MethodInfo>> tagged = ClientTestsByRow();
        foreach (Row row in rows)
        {
            bool emulatorOnly = row.Tests.Count > 0 && row.Tests.All(t => t.Path.StartsWith("Emulator.Tests/", StringComparison.Ordinal));
            if (emulatorOnly)
            {
                Assert.That(row.Tests.Any(t => EmulatorSource(t.Path).Contains(Tag(row.Number), StringComparison.Ordinal)), Is.True,
                    $"row {row.Number}: no emulator test is tagged {Tag(row.Number)}");
            }
            else
            {
                Assert.That(tagged.GetValueOrDefault(row.Number), Is.Not.Null.And.Not.Empty, $"row {row.Number}: no test is tagged {Tag(row.Number)}");
            }
        }
    }

    [Test]
    public void EveryTestTheDocNames_ExistsWhereItSaysAndCarriesItsRow()
    {
        IReadOnlyList<Row> rows = Rows();
        int named = 0;
        using (Assert.EnterMultipleScope())
        {
            foreach (Row row in rows)
            {
                foreach (NamedTest test in row.Tests)
                {
                    named++;
                    if (test.Path.StartsWith("Emulator.Tests/", StringComparison.Ordinal))
                    {
                        string source = EmulatorSource(test.Path);
                        Match method = Regex.Match(source, @"((?:^\s*\[[^\n]*\]\s*\n)+)\s*public (?:async )?\w+(?:<\w+>)? " + test.Method + @"\(", RegexOptions.Multiline);
                        Assert.That(method.Success, Is.True, $"row {row.Number}: {test.Path} has no test {test.Method}");
                        Assert.That(method.Groups[1].Value, Does.Contain(Tag(row.Number)), $"row {row.Number}: {test.Method} is not tagged");
                        continue;
                    }

                    MethodInfo? found = ClientTestMethods().FirstOrDefault(m => NamesOf(m).Contains(test.Method) && m.DeclaringType!.Name == test.Fixture
                        && FolderOf(m.DeclaringType!) == test.Folder);
                    Assert.That(found, Is.Not.Null, $"row {row.Number}: {test.Path} ({test.Fixture}) has no test {test.Method}");
                    if (found is not null)
                    {
                        Assert.That(RowsOf(found), Does.Contain(row.Number), $"row {row.Number}: {test.Fixture}.{test.Method} is not tagged {Tag(row.Number)}");
                    }
                }
            }
        }

        Assert.That(named, Is.GreaterThan(100), "the tests the doc names were found and read");
    }

    [Test]
    public void EveryTaggedTest_IsNamedInItsRow()
    {
        Dictionary<string, HashSet<string>> namedByRow = Rows().ToDictionary(r => r.Number, r => r.Tests.Select(t => t.Method).ToHashSet());
        using (Assert.EnterMultipleScope())
        {
            foreach ((string row, List<MethodInfo> methods) in ClientTestsByRow())
            {
                Assert.That(namedByRow.ContainsKey(row), Is.True, $"tests are tagged with row {row}, which the doc does not have");
                foreach (MethodInfo method in methods)
                {
                    Assert.That(NamesOf(method).Any(n => namedByRow.GetValueOrDefault(row)?.Contains(n) == true), Is.True,
                        $"{method.DeclaringType!.Name}.{method.Name} is tagged row {row} but the row does not name it");
                }
            }
        }
    }

    [Test]
    public void EveryFixturePathTheDocLinks_IsAFile()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "reliability.md"));
        string[] paths = [.. FixturePath().Matches(doc).Select(m => m.Groups[1].Value).Distinct()];
        Assert.That(paths, Has.Length.GreaterThan(10), "the fixture paths were found");
        using (Assert.EnterMultipleScope())
        {
            foreach (string path in paths)
            {
                Assert.That(File.Exists(SourceFile(path)), Is.True, $"docs/reliability.md links {path}, which is not a test file");
            }
        }
    }

    private static string Tag(string row) => $"[Property(\"{RowProperty}\", \"{row}\")]";

    private static IEnumerable<MethodInfo> ClientTestMethods() =>
        Tests.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or TestCaseSourceAttribute));

    private static IEnumerable<string> RowsOf(MethodInfo method) =>
        method.GetCustomAttributes<PropertyAttribute>()
            .SelectMany(p => p.Properties[RowProperty] is { } values ? values.Cast<object>() : [])
            .Select(v => (string)v);

    private static Dictionary<string, List<MethodInfo>> ClientTestsByRow()
    {
        var byRow = new Dictionary<string, List<MethodInfo>>();
        foreach (MethodInfo method in ClientTestMethods())
        {
            foreach (string row in RowsOf(method))
            {
                (byRow.TryGetValue(row, out List<MethodInfo>? list) ? list : byRow[row] = []).Add(method);
            }
        }

        return byRow;
    }

    /// <summary>The names a test method is run under: its own, and the <c>TestName</c> of each of its cases.</summary>
    private static IEnumerable<string> NamesOf(MethodInfo method) =>
        method.GetCustomAttributes<TestCaseAttribute>().Select(c => c.TestName).OfType<string>().Prepend(method.Name);

    /// <summary>The folder of a fixture, from its namespace (<c>OpenAiApi.Refit.Tests.Pipeline</c> is <c>Pipeline</c>).</summary>
    private static string FolderOf(Type fixture) => fixture.Namespace!["OpenAiApi.Refit.Tests.".Length..].Replace('.', '/');

    /// <summary>The rows of the tables: number and the tests of the "Proven by" cell. In a cell, <c>`Folder/File`</c> sets the file,
    /// a fixture name (<c>`…Tests`</c>, alone or in parentheses) the fixture in it, and every other <c>`Name_With_Underscores`</c>
    /// is a test of that fixture.</summary>
    private static IReadOnlyList<Row> Rows()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "reliability.md"));
        var rows = new List<Row>();
        foreach (Match row in TableRow().Matches(doc))
        {
            var tests = new List<NamedTest>();
            string? path = null;
            string? fixture = null;
            foreach (Match token in Backticked().Matches(row.Groups[2].Value))
            {
                string text = token.Groups[1].Value;
                if (text.Contains('/'))
                {
                    path = text;
                    fixture = text[(text.LastIndexOf('/') + 1)..];
                }
                else if (text.EndsWith("Tests", StringComparison.Ordinal) && Identifier().IsMatch(text))
                {
                    fixture = text;
                }
                else if (text.Contains('_') && Identifier().IsMatch(text))
                {
                    Assert.That(path, Is.Not.Null, $"row {row.Groups[1].Value}: {text} comes before any fixture path");
                    tests.Add(new NamedTest(path!, fixture!, text));
                }
            }

            rows.Add(new Row(row.Groups[1].Value, tests));
        }

        return rows;
    }

    private static string EmulatorSource(string path) => File.ReadAllText(SourceFile(path));

    private static string SourceFile(string path) =>
        path.StartsWith("Emulator.Tests/", StringComparison.Ordinal)
            ? Path.Combine(RepositoryRoot(), "tests", "OpenAiApi.Refit.Emulator.Tests", path["Emulator.Tests/".Length..] + ".cs")
            : Path.Combine(RepositoryRoot(), "tests", "OpenAiApi.Refit.Tests", path + ".cs");

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenAiApi.Refit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (OpenAiApi.Refit.sln) was not found above the test directory.");
    }

    [GeneratedRegex(@"^\| (\d+) \|.*\|([^|]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex Identifier();

    /// <summary>A fixture path in backticks: <c>`Pipeline/RetryTests`</c>, <c>`Emulator.Tests/LongReplyTests`</c>.</summary>
    [GeneratedRegex(@"`((?:Emulator\.Tests/)?(?:[A-Z]\w*/)+[A-Z]\w*Tests)`")]
    private static partial Regex FixturePath();

    private sealed record Row(string Number, IReadOnlyList<NamedTest> Tests);

    private sealed record NamedTest(string Path, string Fixture, string Method)
    {
        public string Folder => Path[..Path.LastIndexOf('/')];
    }
}
