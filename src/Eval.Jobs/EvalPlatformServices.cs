using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Caching;
using Eval.Inference.Onnx;
using Eval.Jobs.Options;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs;

/// <summary>The one composition of the platform (database, scenarios, jobs, worker), shared by the web host and the worker.</summary>
public static class EvalPlatformServices
{
    public static IServiceCollection AddEvalPlatform(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<EvalOptions>().BindConfiguration(EvalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HangfireOptions>().BindConfiguration(HangfireOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FirstStartOptions>().BindConfiguration(FirstStartOptions.Section);
        services.AddOptions<QuickSuiteOptions>().BindConfiguration(QuickSuiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration("Eval:Inference");
        services.AddOptions<RequestCacheOptions>().BindConfiguration(RequestCacheOptions.Section);
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Paths are needed to register the database and the job storage, so they are read here, once.
        var paths = EvalPaths.FromConfiguration(configuration, contentRoot);
        Directory.CreateDirectory(paths.DataDirectory);
        services.AddSingleton(paths);
        services.AddSingleton(TimeProvider.System);
        services.AddEvalDatabase(paths.DatabaseConnectionString);
        services.AddSingleton(_ => new ScenarioCatalog(paths.ScenariosDirectory));
        services.AddSingleton<ModelRegistrar>();
        services.AddSingleton<RunScheduler>();
        services.AddSingleton<RunResultStore>();
        services.AddSingleton<DatabaseRequestCache>();
        services.AddSingleton<WorkerModels>();
        services.AddTransient<RunExecutor>();
        services.AddTransient<RunEvaluationJob>();
        services.AddSingleton<ModelStatusUpdater>();
        services.AddSingleton<SuiteScheduler>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<Uploads.ModelUploadService>();
        services.AddTransient<Uploads.ModelValidationJob>();

        var hangfire = configuration.GetSection(HangfireOptions.Section).Get<HangfireOptions>() ?? new HangfireOptions();
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (hangfire.Storage == "Memory")
                config.UseInMemoryStorage();
            else
                config.UseStorage(new SQLiteStorage(paths.HangfireDatabaseFile, new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    JournalMode = SQLiteStorageOptions.JournalModes.WAL,
                }));
        });

        // Before the job server, so the database is migrated and the models registered when it starts.
        services.AddHostedService<FirstStartService>();

        var worker = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        if (worker.InProcess)
            services.AddHangfireServer(options =>
            {
                options.Queues = worker.Queues;
                options.WorkerCount = worker.WorkerCount;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        return services;
    }
}
