using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Tests.Runs;

public sealed class FunctionToolSetTests
{
    [Description("Gets the current weather of a city.")]
    public static string GetWeather(
        [Description("The city, e.g. Paris.")] string city,
        [Description("The temperature unit.")] string unit = "celsius",
        int days = 1) => $"{city} {unit} {days}";

    public string Greet([Description("Who to greet.")] string name) => "Hello " + name;

    [Test]
    public void ToToolDefinitions_MethodWithDescriptions_DerivesTheJsonSchema()
    {
        var tools = new FunctionToolSet().Add(typeof(FunctionToolSetTests).GetMethod(nameof(GetWeather))!, target: null, name: "get_weather");

        FunctionToolDefinition tool = tools.ToToolDefinitions().Single();
        JsonElement schema = tool.Function.Parameters!.Value;
        JsonElement properties = schema.GetProperty("properties");
        Assert.Multiple(() =>
        {
            Assert.That(tool.Type, Is.EqualTo("function"));
            Assert.That(tool.Function.Name, Is.EqualTo("get_weather"));
            Assert.That(tool.Function.Description, Is.EqualTo("Gets the current weather of a city."));
            Assert.That(schema.GetProperty("type").GetString(), Is.EqualTo("object"));
            Assert.That(properties.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "city", "unit", "days" }));
            Assert.That(properties.GetProperty("city").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(properties.GetProperty("city").GetProperty("description").GetString(), Is.EqualTo("The city, e.g. Paris."));
            Assert.That(properties.GetProperty("unit").GetProperty("description").GetString(), Is.EqualTo("The temperature unit."));
            Assert.That(properties.GetProperty("unit").GetProperty("default").GetString(), Is.EqualTo("celsius"));
            Assert.That(properties.GetProperty("days").GetProperty("type").GetString(), Is.EqualTo("integer"));
            Assert.That(schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "city" }));
        });
    }

    [Test]
    public void ToToolDefinitions_SerializesAsTheWireToolShape()
    {
        var tools = new FunctionToolSet()
            .Add(typeof(FunctionToolSetTests).GetMethod(nameof(Greet))!, new FunctionToolSetTests(), "greet", "Greets someone.");
        var options = new AssistantCreationOptions("gpt-4o") { Tools = [.. tools.ToToolDefinitions()] };

        string json = JsonSerializer.Serialize(options, OpenAiApi.Refit.Serialization.OpenAIJsonContext.Default.AssistantCreationOptions);

        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement tool = document.RootElement.GetProperty("tools")[0];
        Assert.Multiple(() =>
        {
            Assert.That(tool.GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(tool.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("greet"));
            Assert.That(tool.GetProperty("function").GetProperty("description").GetString(), Is.EqualTo("Greets someone."));
            Assert.That(tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("name")
                .GetProperty("description").GetString(), Is.EqualTo("Who to greet."));
        });
    }

    [Test]
    public void Add_InvalidOrDuplicateName_Throws()
    {
        var tools = new FunctionToolSet().Add(() => 1, "one");

        Assert.Multiple(() =>
        {
            Assert.That(() => tools.Add(() => 2, "one"), Throws.ArgumentException.With.Message.Contains("already"));
            Assert.That(() => tools.Add(() => 2, "two words"), Throws.ArgumentException.With.Message.Contains("two words"));
            Assert.That(() => tools.Add(() => 2, new string('a', 65)), Throws.ArgumentException);
            Assert.That(() => tools.Add(typeof(FunctionToolSetTests).GetMethod(nameof(Greet))!, target: null), Throws.ArgumentException);
            Assert.That(tools.Count, Is.EqualTo(1));
            Assert.That(tools.TryGetFunction("one", out var one), Is.True);
            Assert.That(one!.Name, Is.EqualTo("one"));
        });
    }
}
