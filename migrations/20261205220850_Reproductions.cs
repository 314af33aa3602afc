using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eval.Migrations.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Hardware = table.Column<string>(type: "TEXT", nullable: true),
                    InstancesCompared = table.Column<int>(type: "INTEGER", nullable: false),
                    InstancesDiffering = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxLogProbDifference = table.Column<double>(type: "REAL", nullable: false),
                    Tolerance = table.Column<double>(type: "REAL", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", nullable: true),
                    StoredValue = table.Column<double>(type: "REAL", nullable: true),
                    NewValue = table.Column<double>(type: "REAL", nullable: true),
                    Difference = table.Column<double>(type: "REAL", nullable: true),
                    DifferenceLow = table.Column<double>(type: "REAL", nullable: true),
                    DifferenceHigh = table.Column<double>(type: "REAL", nullable: true),
                    Differing = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true)
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
