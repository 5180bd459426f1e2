using CrmCdp.Web.Modules.Crm.Common;
using CrmCdp.Web.Modules.Crm.Common.Records;

namespace CrmCdp.Web.Modules.Crm.Bulk;

/// <summary>A record the list pages' bulk actions (owner, tag, delete) can change.</summary>
internal interface IBulkEditableRecord : ICrmRecord
{
    new Guid? OwnerId { get; set; }

    DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A bulk-editable record that also carries tags (the addTag action).</summary>
internal interface ITaggedRecord : IBulkEditableRecord
{
    List<string> Tags { get; set; }
}

/// <summary>What a record type adds to the common bulk actions.</summary>
/// <param name="ExtraActions">Action names beyond assignOwner, addTag and delete.</param>
/// <param name="ValidateExtra">Field errors of an extra action's request.</param>
/// <param name="ApplyExtra">Applies an extra action; returns the changed field with its old and new values.</param>
internal sealed record BulkTarget<T>(
    CrmRecordType RecordType,
    string Noun,
    string EditPermission,
    string DeletePermission,
    IReadOnlyList<string> ExtraActions,
    Func<BulkRequest, Dictionary<string, string[]>> ValidateExtra,
    Func<T, BulkRequest, (string Field, string? Before, string? After)> ApplyExtra)
    where T : class, IBulkEditableRecord
{
    /// <summary>How a new owner is told the record became theirs (its title); null when owners are not told (contacts, companies).</summary>
    public Func<T, string>? AssignedTitle { get; init; }

    public static BulkTarget<T> Plain(CrmRecordType recordType, string noun, string editPermission, string deletePermission) =>
        new(recordType, noun, editPermission, deletePermission, [], _ => [], (_, request) =>
            throw new InvalidOperationException($"No bulk action '{request.Action}'."));
}
