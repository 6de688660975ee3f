using NUnit.Framework;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary><see cref="MessageDeltaStreamEvent.Text"/>: the text parts of one fragment, in order, whatever else it carries.</summary>
public sealed class MessageDeltaTextTests
{
    [TestCase("""[{"index":0,"type":"text","text":{"value":"It is"}}]""", "It is", TestName = "Text_OneTextPart_IsItsValue")]
    [TestCase("""[{"index":0,"type":"text","text":{"value":"a"}},{"index":1,"type":"image_file","image_file":{"file_id":"file-1"}},{"index":2,"type":"text","text":{"value":"b"}}]""", "ab", TestName = "Text_TextPartsAroundAnImage_AreConcatenatedInOrder")]
    [TestCase("""[{"index":0,"type":"text","text":{"value":"a"}},{"index":1,"type":"text","text":{"value":"b"}},{"index":2,"type":"text","text":{"value":"c"}}]""", "abc", TestName = "Text_ThreeTextParts_AreConcatenated")]
    [TestCase("""[{"index":0,"type":"text","text":{"annotations":[]}},{"index":1,"type":"text"},{"index":2,"type":"text","text":{"value":"x"}}]""", "x", TestName = "Text_PartsWithoutValue_AddNothing")]
    [TestCase("""[{"index":0,"type":"image_url","image_url":{"url":"https://example.com/a.png"}},{"index":1,"type":"future_part","x":1}]""", "", TestName = "Text_NoTextPart_IsEmpty")]
    [TestCase("""[]""", "", TestName = "Text_EmptyContent_IsEmpty")]
    public void Text_OfAFragment(string content, string expected)
    {
        var streamEvent = (MessageDeltaStreamEvent)RunStreamEvent.Parse(
            "thread.message.delta", """{"id":"msg_1","object":"thread.message.delta","delta":{"content":""" + content + "}}");

        Assert.That(streamEvent.Text, Is.EqualTo(expected));
    }

    [Test]
    public void Text_FragmentWithoutContent_IsEmpty()
    {
        var streamEvent = (MessageDeltaStreamEvent)RunStreamEvent.Parse(
            "thread.message.delta", """{"id":"msg_1","object":"thread.message.delta","delta":{"role":"assistant"}}""");

        Assert.That(streamEvent.Text, Is.Empty);
    }
}
