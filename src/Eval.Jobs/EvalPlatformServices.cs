using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Caching;
using Eval.Inference.Onnx;
using Eval.Jobs.Options;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs;

/// <summary>The one composition of the platform (database, scenarios, jobs, worker), shared by the web host and the worker.</summary>
public static class EvalPlatformServices
{
    public static IServiceCollection AddEvalPlatform(this IServiceCollection services, IConfiguration configuration, string contentRoot,
        EvalHostRole role = EvalHostRole.Web)
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
        services.AddEvalDatabase(paths.DatabaseProvider, paths.DatabaseConnectionString);
        services.AddSingleton(_ => new ScenarioCatalog(paths.ScenariosDirectory));
        services.AddSingleton<ModelRegistrar>();
        // The rules of what runs a model gets (Core); the quick suite's samples and order from Eval:Suites:Quick.
        services.AddSingleton(sp =>
        {
            var quick = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuickSuiteOptions>>().Value;
            return new Core.Planning.RunPlanner(quick.ToSample(), quick.ScenarioIds(), sp.GetRequiredService<ScenarioCatalog>());
        });
        services.AddSingleton<RunLifecycle>();
        services.AddSingleton<Uploads.ModelValidationLifecycle>();
        services.AddSingleton<RunScheduler>();
        services.AddSingleton<RunResultStore>();
        services.AddSingleton<DatabaseRequestCache>();
        services.AddSingleton<WorkerModels>();
        services.AddSingleton<Timings.RunTimings>();
        services.AddSingleton<RunHandOffs>();
        services.AddTransient<RunExecutor>();
        services.AddTransient<RunEvaluationJob>();
        services.AddTransient<Reproduce.ReproduceRunJob>();
        services.AddSingleton<Reproduce.RunReproducer>();
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
            JobStorageFactory.Use(config, hangfire, paths);
        });
        services.AddSingleton<WorkerHeartbeats>();

        // Before the job server, so the database is migrated and the models registered when it starts.
        services.AddSingleton(new HostRole(role));
        services.AddHostedService<FirstStartService>();

        var worker = configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        var inference = configuration.GetSection("Eval:Inference").Get<InferenceOptions>() ?? new InferenceOptions();
        if (role == EvalHostRole.Worker || worker.InProcess)
            services.AddHangfireServer(options =>
            {
                options.Queues = worker.ServedQueues();
                options.WorkerCount = worker.WorkerCount;
                options.ServerName = WorkerIdentity.ServerName(inference);
                // Frequent heartbeats so the Jobs page tells a lost worker within a minute (a server silent for two is dropped).
                options.HeartbeatInterval = TimeSpan.FromSeconds(10);
                options.ServerCheckInterval = TimeSpan.FromSeconds(30);
                options.ServerTimeout = TimeSpan.FromMinutes(2);
            });
        return services;
    }
}
