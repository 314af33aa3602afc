using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data;

public sealed class EvalDbContext(DbContextOptions<EvalDbContext> options) : DbContext(options)
{
    public const string MigrationsAssembly = "Eval.Migrations";
    public const string PostgresMigrationsAssembly = "Eval.Migrations.Postgres";

    public DbSet<ModelEntity> Models => Set<ModelEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<ResponseEntity> Responses => Set<ResponseEntity>();
    public DbSet<InstanceStatEntity> InstanceStats => Set<InstanceStatEntity>();
    public DbSet<RunStatEntity> RunStats => Set<RunStatEntity>();
    public DbSet<RequestCacheEntry> RequestCache => Set<RequestCacheEntry>();
    public DbSet<ReproductionEntity> Reproductions => Set<ReproductionEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // PostgreSQL's timestamptz takes only UTC DateTimes; SQLite's text hands them back unspecified. Every time here is UTC.
        if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ModelEntity>(e =>
        {
            e.ToTable("models");
            // One model.onnx may come with several tokenizers or settings: the content identity is what is unique.
            e.HasIndex(m => m.Sha256);
            e.HasIndex(m => m.IdentitySha256).IsUnique();
            e.HasIndex(m => m.Name);
            e.HasIndex(m => m.Status);
            e.HasIndex(m => m.Family);
            e.Property(m => m.Status).HasDefaultValue(ModelStatus.Finished);
            e.Property(m => m.Queue).HasDefaultValue("cpu");
            e.Ignore(m => m.InValidation);
        });
        modelBuilder.Entity<RunEntity>(e =>
        {
            e.ToTable("runs");
            e.HasIndex(r => r.RunKey).IsUnique();
            e.HasIndex(r => new { r.ModelId, r.ScenarioId });
            e.HasIndex(r => r.Status);
            e.HasOne(r => r.Model).WithMany(m => m.Runs).HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Stats).WithOne().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ResponseEntity>(e =>
        {
            e.ToTable("responses");
            // One row per request: a resumed run can never store a response twice.
            e.HasIndex(r => new { r.RunId, r.InstanceId, r.RequestIndex }).IsUnique();
            e.HasOne<RunEntity>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<InstanceStatEntity>(e =>
        {
            e.ToTable("instance_stats");
            e.HasIndex(s => new { s.RunId, s.InstanceId, s.Metric }).IsUnique();
            e.HasOne<RunEntity>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RunStatEntity>(e =>
        {
            e.ToTable("run_stats");
            e.HasIndex(s => new { s.RunId, s.Metric, s.Level, s.Key }).IsUnique();
        });
        modelBuilder.Entity<ReproductionEntity>(e =>
        {
            e.ToTable("reproductions");
            e.HasIndex(r => r.RunId);
            e.HasOne<RunEntity>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RequestCacheEntry>(e =>
        {
            e.ToTable("request_cache");
            // Two workers computing the same request both try to store it: the second insert is refused, and ignored.
            e.HasIndex(c => c.KeyHash).IsUnique();
            e.Property(c => c.KeyHash).HasMaxLength(64);
        });
    }
}
