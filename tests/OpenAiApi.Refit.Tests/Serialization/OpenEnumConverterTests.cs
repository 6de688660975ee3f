using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Tests.Serialization;

/// <summary>The shared open-enum converter: known values come back as the same instance every time (no string per read), unknown
/// and escaped values come back verbatim, and no value is ever refused.</summary>
public sealed class OpenEnumConverterTests
{
    [Test]
    public void KnownValue_ReadTwice_IsTheSameStringInstance()
    {
        RunStatus first = Read<RunStatus>("\"completed\"");
        RunStatus second = Read<RunStatus>("\"completed\"");

        Assert.That(first, Is.EqualTo(RunStatus.Completed));
        Assert.That(second, Is.EqualTo(RunStatus.Completed));
        Assert.That(second.Value, Is.SameAs(first.Value), "kept after the first read");
    }

    [Test]
    public void UnknownValue_IsReadVerbatim_AndNotKept()
    {
        MessageRole first = Read<MessageRole>("\"narrator\"");
        MessageRole second = Read<MessageRole>("\"narrator\"");

        Assert.That(first.Value, Is.EqualTo("narrator"));
        Assert.That(first.IsKnown, Is.False);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(second.Value, Is.Not.SameAs(first.Value), "unknown values are not kept: a server cannot grow the cache");
    }

    [Test]
    public void EscapedKnownValue_IsUnescaped()
    {
        Read<RunStepStatus>("\"completed\""); // kept
        RunStepStatus escaped = Read<RunStepStatus>("\"\\u0063ompleted\"");

        Assert.That(escaped, Is.EqualTo(RunStepStatus.Completed));
    }

    [Test]
    public void KnownValuesOfDifferentTypes_DoNotMix()
    {
        Read<RunStatus>("\"in_progress\"");
        MessageStatus message = Read<MessageStatus>("\"in_progress\"");

        Assert.That(message, Is.EqualTo(MessageStatus.InProgress));
        Assert.That(message, Is.TypeOf<MessageStatus>());
    }

    [Test]
    public void PrefixOfAKnownValue_IsNotTakenForIt()
    {
        Read<RunStatus>("\"cancelled\"");
        RunStatus prefix = Read<RunStatus>("\"cancel\"");

        Assert.That(prefix.Value, Is.EqualTo("cancel"));
        Assert.That(prefix.IsKnown, Is.False);
    }

    [Test]
    public void NonString_Throws()
    {
        Assert.Throws<JsonException>(() => Read<RunStatus>("42"));
    }

    private static T Read<T>(string json)
        where T : struct, IOpenEnum<T>
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        return new OpenEnumConverter<T>().Read(ref reader, typeof(T), OpenAIJsonContext.Default.Options);
    }
}
