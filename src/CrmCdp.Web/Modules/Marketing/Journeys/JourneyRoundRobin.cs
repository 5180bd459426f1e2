using CrmCdp.Web.Modules.Crm.Contracts;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmCdp.Web.Modules.Marketing.Journeys;

/// <summary>Who a round-robin create_task step gave its last task to.</summary>
internal sealed class JourneyRoundRobinTurn
{
    public Guid JourneyId { get; set; }

    public string StepId { get; set; } = "";

    public Guid? LastUserId { get; set; }
}

internal sealed class JourneyRoundRobinTurnConfiguration : IEntityTypeConfiguration<JourneyRoundRobinTurn>
{
    public void Configure(EntityTypeBuilder<JourneyRoundRobinTurn> builder)
    {
        builder.ToTable("mkt_round_robin_turns");
        builder.HasKey(t => new { t.JourneyId, t.StepId });
        builder.Property(t => t.StepId).HasMaxLength(40);
        builder.HasOne<Journey>().WithMany().HasForeignKey(t => t.JourneyId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Takes the next turn of a step's round robin, under the turn's row lock, so two runners never give the same turn twice.</summary>
internal static class JourneyRoundRobin
{
    /// <summary>The team member whose turn it is (the turn is taken in the caller's transaction); null when nobody in the team can take work.</summary>
    public static async Task<Guid?> TakeTurnAsync(AppDbContext db, ICrmSalesTasks tasks, Guid journeyId, string stepId, Guid teamId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"INSERT INTO mkt_round_robin_turns (journey_id, step_id) VALUES ({journeyId}, {stepId}) ON CONFLICT DO NOTHING", cancellationToken);
        var turn = (await db.Set<JourneyRoundRobinTurn>().FromSql($"SELECT * FROM mkt_round_robin_turns WHERE journey_id = {journeyId} AND step_id = {stepId} FOR UPDATE")
            .ToListAsync(cancellationToken)).Single();
        var next = await tasks.NextTeamMemberAsync(db, teamId, turn.LastUserId, cancellationToken);
        if (next is not null)
        {
            turn.LastUserId = next;
        }

        return next;
    }
}
