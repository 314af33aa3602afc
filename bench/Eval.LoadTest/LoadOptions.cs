namespace Eval.LoadTest;

/// <summary>The command line: --provider sqlite|postgres [--clients 50] [--seconds 60] [--postgres CONNECTION].</summary>
public sealed record LoadOptions(string Provider, int Clients, int Seconds, string? Postgres)
{
    public const string PostgresVariable = "EVAL_TEST_POSTGRES";

    public static LoadOptions Parse(string[] args)
    {
        string provider = "sqlite", postgres = Environment.GetEnvironmentVariable(PostgresVariable) ?? "";
        int clients = 50, seconds = 60;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--provider": provider = Next().ToLowerInvariant(); break;
                case "--clients": clients = int.Parse(Next()); break;
                case "--seconds": seconds = int.Parse(Next()); break;
                case "--postgres": postgres = Next(); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        if (provider is not ("sqlite" or "postgres"))
            throw new ArgumentException($"--provider must be sqlite or postgres, not {provider}");
        if (clients is < 1 or > 1000 || seconds is < 1 or > 3600)
            throw new ArgumentException("--clients must be 1..1000 and --seconds 1..3600");
        if (provider == "postgres" && string.IsNullOrWhiteSpace(postgres))
            throw new ArgumentException($"--provider postgres needs --postgres \"Host=127.0.0.1;Username=...;Password=...;Database=postgres\" or {PostgresVariable} (bash .ci/postgres.sh prints one)");
        return new LoadOptions(provider, clients, seconds, postgres);
    }
}
