using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Orbitalyntra.Faq;

/// <summary>
/// Articles' Markdown as visitors see it. Raw HTML is never passed through (it is shown as text), and a link or image
/// whose address is not http(s), mailto or relative loses its address, so that no <c>javascript:</c> or <c>data:</c>
/// URL reaches a page.
/// </summary>
public static partial class FaqMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .UseReferralLinks("nofollow", "noopener", "noreferrer")
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    /// <summary>The Markdown as sanitized HTML.</summary>
    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(link => !IsSafe(link.Url)))
        {
            link.Url = "";
        }

        foreach (var link in document.Descendants<AutolinkInline>().Where(link => !IsSafe(link.Url)))
        {
            link.Url = "";
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>The Markdown's text without its markup, on one line.</summary>
    public static string ToPlainText(string markdown) => Spaces().Replace(Markdown.ToPlainText(markdown, Pipeline), " ").Trim();

    /// <summary>The start of a text, cut at a word, for a search hit.</summary>
    public static string Snippet(string plainText, int length = 180)
    {
        if (plainText.Length <= length)
        {
            return plainText;
        }

        var cut = plainText.LastIndexOf(' ', length);
        return $"{plainText[..(cut > length / 2 ? cut : length)]}…";
    }

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so they are ignored here too.
        var compact = Invisible().Replace(url, "");
        var colon = compact.IndexOf(':');
        var pathStart = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (pathStart >= 0 && pathStart < colon))
        {
            return !compact.StartsWith("//", StringComparison.Ordinal) && !compact.StartsWith(@"\\", StringComparison.Ordinal);
        }

        return SafeSchemes.Contains(compact[..colon].ToLowerInvariant());
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\s\p{C}]+")]
    private static partial Regex Invisible();
}
