using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// The data-protection key ring in one blob that every web host of the cluster reads, so that a cookie or antiforgery
/// token one host protected is read by every other (docs/decisions/0046-shared-key-ring.md). A new key is added by
/// reading the blob and writing it back on the condition of the ETag read; a host that lost the race reads again, so
/// two hosts adding keys at once keep both.
/// </summary>
public sealed partial class BlobKeyRing(BlobContainerClient container, ILogger<BlobKeyRing> logger) : IXmlRepository
{
    public const string BlobName = "key-ring.xml";

    private const string Root = "repository";

    private BlobClient Blob => container.GetBlobClient(BlobName);

    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read().Ring.Root!.Elements()];

    public void StoreElement(XElement element, string friendlyName)
    {
        container.CreateIfNotExists();
        while (true)
        {
            var (ring, etag) = Read();
            ring.Root!.Add(new XElement(element));
            var conditions = etag is { } read ? new BlobRequestConditions { IfMatch = read } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                using var content = new MemoryStream();
                ring.Save(content, SaveOptions.DisableFormatting);
                content.Position = 0;
                Blob.Upload(content, new BlobUploadOptions { Conditions = conditions });
                return;
            }
            catch (RequestFailedException failure) when (failure.Status is 409 or 412)
            {
                LogRaced(friendlyName);
            }
        }
    }

    private (XDocument Ring, ETag? ETag) Read()
    {
        try
        {
            var download = Blob.DownloadContent();
            using var content = download.Value.Content.ToStream();
            return (XDocument.Load(content), download.Value.Details.ETag);
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
            return (new XDocument(new XElement(Root)), null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another web host changed the key ring while key {FriendlyName} was added: reading it again")]
    private partial void LogRaced(string friendlyName);
}
