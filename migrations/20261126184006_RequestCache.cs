using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eval.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RequestCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CacheHits",
                table: "runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CacheMisses",
                table: "runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "request_cache",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_cache", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_request_cache_KeyHash",
                table: "request_cache",
                column: "KeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "request_cache");

            migrationBuilder.DropColumn(
                name: "CacheHits",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "CacheMisses",
                table: "runs");
        }
    }
}
