using System.Security.Cryptography;
using System.Text;

namespace CrmCdp.Web.Platform.Privacy;

/// <summary>How a privacy request names the person.</summary>
public enum PersonIdentifierKind
{
    Email,
    Phone,
    UserId,
}

/// <summary>The identifier a privacy request was filed with, as the requester typed it (each store normalizes it its own way).</summary>
internal sealed record PersonIdentifier(PersonIdentifierKind Kind, string Value)
{
    /// <summary>What is kept about the identifier after the request: a hash to recognise it again, never the value.</summary>
    public string Hash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Kind}:{Value.Trim().ToLowerInvariant()}")));

    public string Masked() => Kind switch
    {
        PersonIdentifierKind.Email => PiiMask.Email(Value.Trim()),
        PersonIdentifierKind.Phone => PiiMask.Phone(Value.Trim()),
        _ => PiiMask.Name(Value.Trim()),
    };
}

/// <summary>What one store holds about a person.</summary>
/// <param name="Data">Everything held, for an access request.</param>
/// <param name="Values">Personal values to remove wherever they appear on erasure (identifiers, full names).</param>
internal sealed record PersonalData(string Source, System.Text.Json.Nodes.JsonObject Data, IReadOnlyList<string> Values, int Records);

/// <summary>A module that holds personal data: finds it for access requests and anonymises it for erasure.</summary>
internal interface IPersonalDataStore
{
    string Source { get; }

    Task<PersonalData> FindAsync(Data.AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken);

    /// <summary>Anonymises the person's records in the caller's transaction, keeping them countable; returns how many records changed.</summary>
    Task<int> AnonymizeAsync(Data.AppDbContext db, PersonIdentifier person, CancellationToken cancellationToken);
}
