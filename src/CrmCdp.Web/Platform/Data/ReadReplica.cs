namespace CrmCdp.Web.Platform.Data;

/// <summary>
/// Where reads that may trail the latest writes by a moment go — insights, segment previews and exports: a streaming
/// replica (<c>ConnectionStrings:ReadOnly</c>) when one is configured, else the primary. What must be current after a
/// write (a record just saved, My day, a segment's members) keeps reading the primary through
/// <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
internal sealed class ReadReplica : IDbContextFactory<AppDbContext>
{
    private readonly IDbContextFactory<AppDbContext> _primary;
    private readonly DbContextOptions<AppDbContext>? _replica;

    public ReadReplica(IConfiguration configuration, IDbContextFactory<AppDbContext> primary)
    {
        _primary = primary;
        if (configuration.GetConnectionString("ReadOnly") is { Length: > 0 } connectionString)
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseRegistration.Configure(options, connectionString);
            _replica = options.Options;
        }
    }

    public AppDbContext CreateDbContext() => _replica is null ? _primary.CreateDbContext() : new AppDbContext(_replica);

    public Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        _replica is null ? _primary.CreateDbContextAsync(cancellationToken) : Task.FromResult(new AppDbContext(_replica));
}
