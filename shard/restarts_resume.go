package shard

import "fmt"

// Save writes b, the block of a run that was interrupted, to path for
// ResumeFile: a part of the study h with the settings params holding the
// finished restarts and null for the others. It returns the number of
// finished restarts, and writes nothing when there are none.
func (b *RestartsBlock) Save(path string, h RestartsHeader, params map[string]string) (finished int, err error) {
	if finished = b.Finished(); finished == 0 {
		return 0, nil
	}
	p, err := b.Part(h, params)
	if err == nil {
		err = p.Write(path)
	}
	return finished, err
}

// ResumeFile fills b from the file of an interrupted run (Save) and leaves
// in Todo the restarts it lacks. The file is read with Read (studies as
// there) and must come from the same build, study, shard and params
// (Resume; a *UsageError when the study, shard or params differ) with the
// same header h. Every error names path.
func (b *RestartsBlock) ResumeFile(path string, studies map[string]string, h RestartsHeader, params map[string]string) error {
	p, err := Read(path, studies)
	if err != nil {
		return err
	}
	err = Resume(p, b.Meta(params), h)
	if err == nil {
		err = b.Resume(p, h)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
