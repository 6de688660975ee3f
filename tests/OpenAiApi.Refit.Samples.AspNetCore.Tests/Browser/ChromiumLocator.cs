namespace OpenAiApi.Refit.Samples.AspNetCore.Tests.Browser;

/// <summary>Finds the system's Chromium: <c>CHROMIUM_PATH</c> if set, else Debian's and Ubuntu's usual paths.</summary>
internal static class ChromiumLocator
{
    public const string MissingMessage =
        "Chromium is not installed, so the browser tests are skipped. Install it with `sudo apt-get install -y chromium` (Debian; " +
        "`.ci/run` does this when it is missing), or point CHROMIUM_PATH at a Chromium or Chrome executable.";

    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return KnownPaths.FirstOrDefault(File.Exists);
    }
}
