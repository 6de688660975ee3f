using System.ComponentModel;
using System.Globalization;

namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>The functions the chat's assistant may call. The sample answers the calls itself with the library's function-tool loop
/// (<c>RunToCompletionStreamingAsync</c>); with the emulator's scripted model, a message naming a function calls it, e.g.
/// <c>get_weather city=Paris</c>.</summary>
public static class ChatTools
{
    /// <summary>Returns the sample's function tools.</summary>
    /// <returns>A new set with <c>get_weather</c> and <c>get_time</c>.</returns>
    public static FunctionToolSet Create() => new FunctionToolSet()
        .Add(GetWeather, "get_weather")
        .Add(GetTime, "get_time");

    /// <summary>Gets the weather of a city (a canned answer: the sample has no weather service).</summary>
    /// <param name="city">The city.</param>
    /// <returns>The weather.</returns>
    [Description("Gets the current weather of a city.")]
    public static string GetWeather([Description("The city, e.g. Paris")] string city) => $"Sunny and 21 °C in {city}";

    /// <summary>Gets the server's current time.</summary>
    /// <returns>The time, ISO 8601, UTC.</returns>
    [Description("Gets the current date and time (UTC).")]
    public static string GetTime() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
