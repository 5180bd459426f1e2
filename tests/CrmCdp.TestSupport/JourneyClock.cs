using Npgsql;

namespace CrmCdp.TestSupport;

/// <summary>
/// Moves a journey's waits to now, as if their time had passed: tests give waits an hour, act while people wait, then
/// end the waits themselves rather than racing a short wait on a loaded machine.
/// </summary>
public static class JourneyClock
{
    public static async Task EndWaitsAsync(string connectionString, string journeyId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "UPDATE mkt_journey_enrolments SET next_run_at = now(), wait_until = now() WHERE journey_id = @journey AND status = 'active' AND wait_until IS NOT NULL",
            connection);
        command.Parameters.AddWithValue("journey", Guid.Parse(journeyId));
        await command.ExecuteNonQueryAsync();
    }
}
