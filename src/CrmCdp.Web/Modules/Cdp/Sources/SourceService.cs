using System.Security.Cryptography;
using System.Text;
using CrmCdp.Web.Platform.Audit;
using Microsoft.Extensions.Caching.Memory;

namespace CrmCdp.Web.Modules.Cdp.Sources;

public sealed class SourceInput
{
    public string? Name { get; set; }

    /// <summary>website, ios, android, server, pos or other.</summary>
    public string? Type { get; set; }
}

public sealed record SourceDto(
    Guid Id, string Name, string Type, string WriteKeyPrefix, bool Enabled, DateTimeOffset? PreviousKeyExpiresAt, DateTimeOffset CreatedAt)
{
    /// <summary>Only in the answer to creating or rotating: the key's only appearance.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? WriteKey { get; init; }
}

/// <summary>What a write key opens: the source, or why not.</summary>
internal sealed record WriteKeyCheck(Guid? SourceId, bool Known, bool Enabled);

internal sealed class SourceService(IDbContextFactory<AppDbContext> dbFactory, AuditLog audit, IMemoryCache cache, TimeProvider timeProvider)
{
    // Every tracking call checks its key; a short cache keyed by a generation that any change bumps keeps that off the database.
    private static readonly TimeSpan KeyCacheLifetime = TimeSpan.FromSeconds(10);
    private long _generation;

    public static readonly IReadOnlyList<string> Types = ["website", "ios", "android", "server", "pos", "other"];

    public async Task<IReadOnlyList<SourceDto>> ListAsync(AccessContext access, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Set<Source>().OrderBy(s => s.Name).AsNoTracking().ToListAsync(cancellationToken)).Select(ToDto)];
    }

    public async Task<OperationResult<SourceDto>> GetAsync(AccessContext access, Guid id, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<SourceDto>.Forbidden("Your role cannot manage sources.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Set<Source>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return source is null ? OperationResult<SourceDto>.NotFound() : OperationResult<SourceDto>.Ok(ToDto(source));
    }

    public async Task<OperationResult<SourceDto>> CreateAsync(AccessContext access, SourceInput input, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<SourceDto>.Forbidden("Your role cannot manage sources.");
        }

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            errors["name"] = ["Give the source a name of 1 to 100 characters."];
        }

        var type = (input.Type ?? "website").Trim().ToLowerInvariant();
        if (!Types.Contains(type))
        {
            errors["type"] = [$"The type must be one of: {string.Join(", ", Types)}."];
        }

        if (errors.Count > 0)
        {
            return OperationResult<SourceDto>.Invalid(errors);
        }

        var key = WriteKeys.Generate();
        var entry = AuditActor.For(access, AuditActions.SourceChanged);
        var source = new Source
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Type = type,
            WriteKeyHash = WriteKeys.Hash(key),
            WriteKeyPrefix = WriteKeys.DisplayPrefix(key),
            CreatedByUserId = entry.UserId,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Add(source);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("source", source.Id.ToString(), $"Created source {name} ({type})");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<SourceDto>.Ok(ToDto(source) with { WriteKey = key });
    }

    /// <summary>A new write key; the old one keeps working for <paramref name="overlap"/> so SDKs can be redeployed without losing events.</summary>
    public async Task<OperationResult<SourceDto>> RotateAsync(AccessContext access, Guid id, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<SourceDto>.Forbidden("Your role cannot manage sources.");
        }

        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(30))
        {
            return OperationResult<SourceDto>.Invalid("overlapHours", "Keep the old key working for 0 to 720 hours.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Set<Source>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return OperationResult<SourceDto>.NotFound();
        }

        var key = WriteKeys.Generate();
        var now = timeProvider.GetUtcNow();
        (source.PreviousWriteKeyHash, source.PreviousKeyExpiresAt) = overlap > TimeSpan.Zero
            ? (source.WriteKeyHash, now + overlap)
            : ((string?)null, (DateTimeOffset?)null);
        (source.WriteKeyHash, source.WriteKeyPrefix) = (WriteKeys.Hash(key), WriteKeys.DisplayPrefix(key));
        var entry = AuditActor.For(access, AuditActions.SourceChanged);
        (entry.RecordType, entry.RecordId, entry.Summary) = ("source", id.ToString(), $"Rotated the write key of {source.Name}; the old key works until {source.PreviousKeyExpiresAt:u}");
        audit.Add(db, entry);
        await db.SaveChangesAsync(cancellationToken);
        Interlocked.Increment(ref _generation);
        return OperationResult<SourceDto>.Ok(ToDto(source) with { WriteKey = key });
    }

    public async Task<OperationResult<SourceDto>> SetEnabledAsync(AccessContext access, Guid id, bool enabled, CancellationToken cancellationToken = default)
    {
        if (!access.Has(Permissions.Cdp.SourcesManage))
        {
            return OperationResult<SourceDto>.Forbidden("Your role cannot manage sources.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Set<Source>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return OperationResult<SourceDto>.NotFound();
        }

        if (source.Enabled != enabled)
        {
            source.Enabled = enabled;
            var entry = AuditActor.For(access, AuditActions.SourceChanged);
            (entry.RecordType, entry.RecordId, entry.Summary) = ("source", id.ToString(), $"{(enabled ? "Enabled" : "Disabled")} source {source.Name}");
            audit.Add(db, entry);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Increment(ref _generation);
        }

        return OperationResult<SourceDto>.Ok(ToDto(source));
    }

    /// <summary>The source a write key belongs to (current key, or the previous one during its overlap); hashes compared in constant time.</summary>
    [SystemAccess("The collection API authenticates a write key with it, before anyone is known.")]
    public async Task<WriteKeyCheck> CheckAsync(string? writeKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(writeKey) || writeKey.Length > 200)
        {
            return new WriteKeyCheck(null, false, false);
        }

        var hash = WriteKeys.Hash(writeKey);
        var cacheKey = $"write-key:{Interlocked.Read(ref _generation)}:{hash}";
        if (cache.TryGetValue(cacheKey, out WriteKeyCheck? cached) && cached is not null)
        {
            return cached;
        }

        var check = await LookUpAsync(hash, cancellationToken);
        cache.Set(cacheKey, check, KeyCacheLifetime);
        return check;
    }

    private async Task<WriteKeyCheck> LookUpAsync(string hash, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await db.Set<Source>().AsNoTracking()
            .Where(s => s.WriteKeyHash == hash || (s.PreviousWriteKeyHash == hash && s.PreviousKeyExpiresAt > now))
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Enabled, s.WriteKeyHash, s.PreviousWriteKeyHash })
            .FirstOrDefaultAsync(cancellationToken);
        var matches = source is not null && (Same(source.WriteKeyHash, hash) || (source.PreviousWriteKeyHash is { } previous && Same(previous, hash)));
        return matches ? new WriteKeyCheck(source!.Id, true, source.Enabled) : new WriteKeyCheck(null, false, false);
    }

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static SourceDto ToDto(Source s) => new(s.Id, s.Name, s.Type, s.WriteKeyPrefix, s.Enabled, s.PreviousKeyExpiresAt, s.CreatedAt);
}
