using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrendingTv.Activities;
using TrendingTv.Dags;
using TrendingTv.DataLake;
using TrendingTv.Orchestrations.Triggers;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services
    .AddDataLake()
    .AddEtlActivities()
    .AddDags()
    .AddSingleton<RunStarter>();
builder.Build().Run();
