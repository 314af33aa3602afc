namespace Eval.Data.Entities;

/// <summary>One model on one scenario with one set of options (the run key), its progress and its outcome.</summary>
public sealed class RunEntity
{
    public long Id { get; set; }
    public long ModelId { get; set; }
    public ModelEntity? Model { get; set; }
    public required string ScenarioId { get; set; }
    public int ScenarioVersion { get; set; }
    public required string RunKey { get; set; }
    public required string SpecJson { get; set; }
    public required string SpecHash { get; set; }
    public required string Convention { get; set; }
    /// <summary>Instances per subset of a seeded sample; null for the full data.</summary>
    public int? SamplePerSubset { get; set; }
    public int Seed { get; set; }
    public string Status { get; set; } = RunStatus.Queued;
    public int Done { get; set; }
    public int Total { get; set; }
    public string? Provider { get; set; }
    public string? ProviderReason { get; set; }
    public string? Hardware { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public double? ElapsedSeconds { get; set; }
    /// <summary>Model requests answered from the request cache, over every attempt of the run.</summary>
    public int CacheHits { get; set; }
    /// <summary>Model requests the model computed (and the cache stored), over every attempt of the run.</summary>
    public int CacheMisses { get; set; }
    public List<RunStatEntity> Stats { get; set; } = [];
}
