using Npgsql;

namespace CrmCdp.Web.Platform.Notifications;

/// <summary>
/// Listens on the PostgreSQL channel that a trigger on platform_notifications writes each new row's user to, and
/// signals that user's open pages. Through the database, a notification saved by a job on another instance reaches
/// the page on this one. A LISTEN needs a session of its own, so behind a pooler in transaction mode it connects
/// directly (<c>ConnectionStrings:Listen</c>).
/// </summary>
[SystemAccess("Relays database notifications to the open pages; reads no records.")]
internal sealed partial class NotificationListener(
    IDbContextFactory<AppDbContext> dbFactory, IConfiguration configuration, NotificationSignals signals, ILogger<NotificationListener> logger) : BackgroundService
{
    public const string Channel = "platform_notifications";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                LogListenFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString("Listen");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
            connectionString = db.Database.GetConnectionString()!;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (Guid.TryParse(e.Payload, out var userId))
            {
                _ = signals.RaiseAsync(userId);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for notifications failed; retrying in 5 s")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
