using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eval.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SmokeSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "SmokeMillisecondsPerToken",
                table: "models",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SmokeMillisecondsPerToken",
                table: "models");
        }
    }
}
