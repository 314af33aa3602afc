using Eval.Jobs;

// A standalone worker: serves the Hangfire queues of Eval:Worker:Queues from the shared job storage (PostgreSQL)
// and runs evaluations; as many as wanted, on any machines that reach the database and the shared models folder.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddEvalPlatform(builder.Configuration, builder.Environment.ContentRootPath, EvalHostRole.Worker);
await builder.Build().RunAsync();
