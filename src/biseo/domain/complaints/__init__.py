"""민원: cases and their workflow, access, approval lines, deadlines, duplicates, routing units."""
