"""finsam-warehouse: Swedish samordningsförbund reports into a tested DuckDB warehouse."""
