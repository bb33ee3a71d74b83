"""Legal deadlines: versioned rule sets (`rules`) and due-date computation with explanations (`clock`)."""
