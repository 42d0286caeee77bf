using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using TrendingTv.Activities;
using TrendingTv.Dags.Triggers;
using TrendingTv.DataLake;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services
    .AddDataLake()
    .AddEtlActivities()
    .AddDagTriggers();
builder.Build().Run();
