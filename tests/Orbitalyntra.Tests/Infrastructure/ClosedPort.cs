namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>A loopback port nothing listens on: a silo whose SMTP server is there keeps its mail pending, retried.</summary>
public static class ClosedPort
{
    public static int Next()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
