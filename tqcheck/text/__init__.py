"""Text handling: Arabic normalisation and sentence splitting."""
