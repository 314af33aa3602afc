using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Eval.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Reproductions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reproductions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Hardware = table.Column<string>(type: "text", nullable: true),
                    InstancesCompared = table.Column<int>(type: "integer", nullable: false),
                    InstancesDiffering = table.Column<int>(type: "integer", nullable: false),
                    MaxLogProbDifference = table.Column<double>(type: "double precision", nullable: false),
                    Tolerance = table.Column<double>(type: "double precision", nullable: false),
                    Metric = table.Column<string>(type: "text", nullable: true),
                    StoredValue = table.Column<double>(type: "double precision", nullable: true),
                    NewValue = table.Column<double>(type: "double precision", nullable: true),
                    Difference = table.Column<double>(type: "double precision", nullable: true),
                    DifferenceLow = table.Column<double>(type: "double precision", nullable: true),
                    DifferenceHigh = table.Column<double>(type: "double precision", nullable: true),
                    Differing = table.Column<string>(type: "text", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reproductions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reproductions_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reproductions_RunId",
                table: "reproductions",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reproductions");
        }
    }
}
