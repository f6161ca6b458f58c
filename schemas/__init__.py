"""The domain's vocabulary and rules: field ids, normalisation, completeness, the export contract."""
