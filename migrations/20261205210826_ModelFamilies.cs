using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eval.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ModelFamilies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Checkpoint",
                table: "models",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckpointUnit",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Family",
                table: "models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_Family",
                table: "models",
                column: "Family");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_models_Family",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Checkpoint",
                table: "models");

            migrationBuilder.DropColumn(
                name: "CheckpointUnit",
                table: "models");

            migrationBuilder.DropColumn(
                name: "Family",
                table: "models");
        }
    }
}
