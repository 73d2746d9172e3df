// Splice editing: a list of byte edits (replace, remove, insert) applied to an original document
// in one pass, giving a SplicedBody whose pieces are views into the original or into owned text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "json/scan.hpp"

namespace qp::json {

// The result of splicing: a sequence of byte pieces, each either a view into the original document
// or into replacement text owned here. Contract: the original must outlive the SplicedBody and
// every piece taken from it. Moving a SplicedBody keeps its pieces valid (they are resolved from
// offsets on access).
class SplicedBody {
 public:
  // The unchanged original as one piece.
  explicit SplicedBody(std::string_view original);

  std::size_t size() const { return size_; }
  std::size_t piece_count() const { return pieces_.size(); }
  std::string_view piece(std::size_t index) const;
  // Calls visit(const char* data, std::size_t size) for every piece in order (for a gather write).
  template <class Visit>
  void for_each_piece(Visit&& visit) const {
    for (std::size_t i = 0; i < pieces_.size(); ++i) {
      const std::string_view bytes = piece(i);
      visit(bytes.data(), bytes.size());
    }
  }
  std::string flatten() const;
  void append_to(std::string& out) const;

 private:
  friend class SpliceEditor;
  struct Piece {
    bool owned = false;  // true: in owned_, false: in original_
    std::size_t offset = 0;
    std::size_t size = 0;
  };
  SplicedBody() = default;
  std::string_view original_;
  std::string owned_;
  std::vector<Piece> pieces_;
  std::size_t size_ = 0;
};

// Collects edits against one original document (offsets are into that document). Edits may be
// added in any order; inserts at the same offset keep the order they were added in and come before
// a replacement or removal starting there. Replacement text is copied.
class SpliceEditor {
 public:
  explicit SpliceEditor(std::string_view original) : original_(original) {}

  void replace(Span span, std::string_view text);
  void remove(Span span) { replace(span, {}); }
  void insert(std::size_t offset, std::string_view text) { replace(Span{offset, offset}, text); }
  // Appends `text` to the replacement text of the edit added last (one edit built in parts).
  // Contract: an edit was added before.
  void extend_last(std::string_view text) {
    edits_.back().text_size += text.size();
    text_.append(text);
  }
  bool empty() const { return edits_.empty(); }

  // Applies all edits in one pass. Overlapping edits or spans outside the original are a bug in
  // the caller and give ErrorKind::internal.
  Result<SplicedBody> finish() &&;

 private:
  struct Edit {
    Span span;
    std::size_t text_offset;
    std::size_t text_size;
  };
  std::string_view original_;
  std::string text_;  // all replacement text, back to back
  std::vector<Edit> edits_;
};

}  // namespace qp::json
