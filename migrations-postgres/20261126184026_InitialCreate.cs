using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Eval.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Directory = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "text", nullable: false),
                    TokenizerSha256 = table.Column<string>(type: "text", nullable: false),
                    Architecture = table.Column<string>(type: "text", nullable: false),
                    TokenizerKind = table.Column<string>(type: "text", nullable: true),
                    Parameters = table.Column<long>(type: "bigint", nullable: true),
                    FileBytes = table.Column<long>(type: "bigint", nullable: false),
                    VocabSize = table.Column<int>(type: "integer", nullable: false),
                    ContextLength = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false, defaultValue: "finished"),
                    Error = table.Column<string>(type: "text", nullable: true),
                    ErrorCode = table.Column<string>(type: "text", nullable: true),
                    Description = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<string>(type: "text", nullable: true),
                    Queue = table.Column<string>(type: "text", nullable: false, defaultValue: "cpu"),
                    Suite = table.Column<string>(type: "text", nullable: true),
                    Groups = table.Column<string>(type: "text", nullable: true),
                    UploadedBy = table.Column<string>(type: "text", nullable: true),
                    ValidatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelId = table.Column<long>(type: "bigint", nullable: false),
                    ScenarioId = table.Column<string>(type: "text", nullable: false),
                    ScenarioVersion = table.Column<int>(type: "integer", nullable: false),
                    RunKey = table.Column<string>(type: "text", nullable: false),
                    SpecJson = table.Column<string>(type: "text", nullable: false),
                    SpecHash = table.Column<string>(type: "text", nullable: false),
                    Convention = table.Column<string>(type: "text", nullable: false),
                    SamplePerSubset = table.Column<int>(type: "integer", nullable: true),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Provider = table.Column<string>(type: "text", nullable: true),
                    ProviderReason = table.Column<string>(type: "text", nullable: true),
                    Hardware = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ElapsedSeconds = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_runs_models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "instance_stats",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    Subset = table.Column<string>(type: "text", nullable: true),
                    SubsetGroup = table.Column<string>(type: "text", nullable: true),
                    Metric = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_stats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_instance_stats_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "responses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    Subset = table.Column<string>(type: "text", nullable: true),
                    RequestIndex = table.Column<int>(type: "integer", nullable: false),
                    Prompt = table.Column<string>(type: "text", nullable: false),
                    Continuation = table.Column<string>(type: "text", nullable: false),
                    LogProb = table.Column<double>(type: "double precision", nullable: false),
                    TokenCount = table.Column<int>(type: "integer", nullable: false),
                    IsGreedy = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_responses_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_stats",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Metric = table.Column<string>(type: "text", nullable: false),
                    Level = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Sum = table.Column<double>(type: "double precision", nullable: false),
                    SumSquares = table.Column<double>(type: "double precision", nullable: false),
                    Min = table.Column<double>(type: "double precision", nullable: false),
                    Max = table.Column<double>(type: "double precision", nullable: false),
                    Mean = table.Column<double>(type: "double precision", nullable: false),
                    CiLow = table.Column<double>(type: "double precision", nullable: false),
                    CiHigh = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_stats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_run_stats_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_instance_stats_RunId_InstanceId_Metric",
                table: "instance_stats",
                columns: new[] { "RunId", "InstanceId", "Metric" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_Name",
                table: "models",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_models_Sha256",
                table: "models",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_Status",
                table: "models",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_responses_RunId_InstanceId_RequestIndex",
                table: "responses",
                columns: new[] { "RunId", "InstanceId", "RequestIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_run_stats_RunId_Metric_Level_Key",
                table: "run_stats",
                columns: new[] { "RunId", "Metric", "Level", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_ModelId_ScenarioId",
                table: "runs",
                columns: new[] { "ModelId", "ScenarioId" });

            migrationBuilder.CreateIndex(
                name: "IX_runs_RunKey",
                table: "runs",
                column: "RunKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_runs_Status",
                table: "runs",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "instance_stats");

            migrationBuilder.DropTable(
                name: "responses");

            migrationBuilder.DropTable(
                name: "run_stats");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "models");
        }
    }
}
