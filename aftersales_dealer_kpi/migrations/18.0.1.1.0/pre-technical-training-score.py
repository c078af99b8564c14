def migrate(cr, version):
    """Training scores typed before 18.0.1.1.0 stay as typed: mark them manual before the
    new computed training score is filled from the training results."""
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE aftersales_grading_assessment
            ADD COLUMN IF NOT EXISTS training_score_manual boolean;
        UPDATE aftersales_grading_assessment SET training_score_manual = TRUE;
        """
    )
