using System.Text;
using Orbitalyntra.Chat;

namespace Orbitalyntra.UnitTests.Chat;

/// <summary>Which files may be sent: named, not empty, at most 10 MiB, of an allowed type that their first bytes confirm.</summary>
public sealed class FileRulesTests
{
    public static TheoryData<string, byte[]> GenuineFiles => new()
    {
        { "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3] },
        { "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2] },
        { "image/gif", [.. "GIF89a"u8, 1, 2] },
        { "image/gif", [.. "GIF87a"u8, 1, 2] },
        { "image/webp", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, 1] },
        { "application/pdf", [.. "%PDF-1.7\n"u8] },
        { "text/plain", Encoding.UTF8.GetBytes("Überweisung März") },
    };

    [Theory]
    [MemberData(nameof(GenuineFiles))]
    public void A_file_whose_content_matches_an_allowed_type_is_accepted(string contentType, byte[] content) =>
        Assert.Null(FileRules.Problem("file", contentType, content));

    [Theory]
    [MemberData(nameof(GenuineFiles))]
    public void A_file_declared_as_another_type_than_its_content_is_refused(string contentType, byte[] content)
    {
        var other = contentType == "image/png" ? "image/jpeg" : "image/png";

        Assert.Equal($"The content is not {other}.", FileRules.Problem("file", other, content));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public void Types_off_the_allow_list_are_refused(string? contentType) =>
        Assert.StartsWith($"Files of type '{contentType}' are not accepted", FileRules.Problem("page.html", contentType, "<script>alert(1)</script>"u8.ToArray()));

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { (byte)'a', 0, (byte)'b' })]
    public void Plain_text_is_valid_UTF8_without_NUL(byte[] content) =>
        Assert.Equal("The content is not text/plain.", FileRules.Problem("notes.txt", "text/plain", content));

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("line\nbreak.txt")]
    public void A_file_needs_a_name_without_control_characters(string? name) =>
        Assert.StartsWith("The file needs a name", FileRules.Problem(name, "text/plain", "words"u8.ToArray()));

    [Fact]
    public void A_name_is_at_most_255_characters()
    {
        Assert.Null(FileRules.Problem(new string('n', FileRules.MaxNameLength), "text/plain", "words"u8.ToArray()));
        Assert.NotNull(FileRules.Problem(new string('n', FileRules.MaxNameLength + 1), "text/plain", "words"u8.ToArray()));
    }

    [Fact]
    public void A_file_is_not_empty_and_at_most_10_MiB()
    {
        var largest = new byte[FileRules.MaxFileBytes];
        Array.Fill(largest, (byte)'a');

        Assert.Equal("The file is empty.", FileRules.Problem("empty.txt", "text/plain", []));
        Assert.Null(FileRules.Problem("big.txt", "text/plain", largest));
        Assert.Equal("A file may be at most 10 MiB.", FileRules.Problem("big.txt", "text/plain", [.. largest, (byte)'a']));
    }

    [Theory]
    [InlineData("invoice.bat", "text/plain", "invoice.bat.txt")]
    [InlineData("notes.TXT", "text/plain", "notes.TXT")]
    [InlineData("cod\u202Etxt.exe", "text/plain", "codtxt.exe.txt")]
    [InlineData("photo", "image/jpeg", "photo.jpg")]
    [InlineData("scan.pdf", "application/pdf", "scan.pdf")]
    [InlineData("data", "application/x-unknown", "data.bin")]
    public void A_download_is_named_with_the_extension_of_its_verified_type_and_no_format_characters(string sent, string contentType, string downloaded) =>
        Assert.Equal(downloaded, FileRules.DownloadName(sent, contentType));
}
