namespace CrmCdp.Web.Modules.Crm.Common;

internal enum LifecycleStage
{
    Subscriber,
    Lead,
    Mql,
    Sql,
    Opportunity,
    Customer,
    Churned,
}

internal enum CrmRecordType
{
    Contact,
    Company,
    Deal,
    Ticket,
}

internal static class CrmEnumNames
{
    /// <summary>Parses the camelCase wire name (or any casing) of an enum value; null when unknown.</summary>
    public static TEnum? Parse<TEnum>(string? value)
        where TEnum : struct, Enum =>
        !string.IsNullOrWhiteSpace(value) && !int.TryParse(value, out _) && Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed)
            ? parsed
            : null;

    public static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string Allowed<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Wire));

    public static string Label(LifecycleStage stage) => stage switch
    {
        LifecycleStage.Mql => "MQL",
        LifecycleStage.Sql => "SQL",
        _ => stage.ToString(),
    };
}
