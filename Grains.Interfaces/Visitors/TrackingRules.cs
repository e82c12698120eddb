using System.Net;
using System.Net.Sockets;

namespace Orbitalyntra.Visitors;

/// <summary>How tracking data is reduced at ingestion: less data kept is less data to protect.</summary>
public static class TrackingRules
{
    /// <summary>Page views kept per visitor: the newest ones.</summary>
    public const int MaxPageViews = 500;

    /// <summary>Longest page title kept; longer ones are cut.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest page address accepted.</summary>
    public const int MaxUrlLength = 2048;

    private static readonly int MaxTimeOnPageMs = (int)TimeSpan.FromDays(1).TotalMilliseconds;

    /// <summary>Null when the report can be kept; otherwise what is wrong.</summary>
    public static string? Problem(PageViewReport report) =>
        report.Url is not { Length: > 0 and <= MaxUrlLength } || !Uri.TryCreate(report.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            ? $"url must be an absolute http(s) address of at most {MaxUrlLength} characters."
        : report.TimeOnPageMs is < 0 ? "timeOnPageMs must not be negative."
        : null;

    /// <summary>The page view as kept: path only, title cut, referrer reduced to its host.</summary>
    public static PageView Reduce(PageViewReport report, DateTimeOffset at) => new(
        at,
        new Uri(report.Url).AbsolutePath,
        report.Title is { } title ? title[..Math.Min(title.Length, MaxTitleLength)] : null,
        Uri.TryCreate(report.Referrer, UriKind.Absolute, out var referrer) ? referrer.Host : null,
        Math.Min(report.TimeOnPageMs ?? 0, MaxTimeOnPageMs));

    /// <summary>The address with its last IPv4 octet, or its last 80 IPv6 bits, set to zero; null when it is not an address.</summary>
    public static string? TruncateIp(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return null;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var bytes = ip.GetAddressBytes();
        var keep = ip.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes).ToString();
    }

    /// <summary>The user agent reduced to browser, operating-system and device families.</summary>
    public static DeviceInfo ReduceDevice(string? userAgent, string? ipAddress)
    {
        var ua = userAgent ?? "";
        bool Has(string token) => ua.Contains(token, StringComparison.OrdinalIgnoreCase);
        var browser = Has("Edg/") ? "Edge" : Has("OPR/") ? "Opera" : Has("Firefox/") ? "Firefox"
            : Has("Chrome/") || Has("CriOS/") ? "Chrome" : Has("Safari/") ? "Safari" : "Other";
        var os = Has("Android") ? "Android" : Has("iPhone") || Has("iPad") ? "iOS" : Has("Windows") ? "Windows"
            : Has("Mac OS X") ? "macOS" : Has("Linux") ? "Linux" : "Other";
        var device = Has("iPad") || Has("Tablet") || (Has("Android") && !Has("Mobi")) ? "tablet" : Has("Mobi") || Has("iPhone") ? "mobile" : "desktop";
        return new DeviceInfo(browser, os, device, TruncateIp(ipAddress));
    }
}
