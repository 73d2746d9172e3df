// SplicedBody and SpliceEditor: edits sorted by position, applied in one pass.
#include "json/splice.hpp"

#include <algorithm>

namespace qp::json {

SplicedBody::SplicedBody(std::string_view original) : original_(original), size_(original.size()) {
  if (!original.empty()) pieces_.push_back(Piece{false, 0, original.size()});
}

std::string_view SplicedBody::piece(std::size_t index) const {
  const Piece& p = pieces_[index];
  const std::string_view source = p.owned ? std::string_view(owned_) : original_;
  return source.substr(p.offset, p.size);
}

void SplicedBody::append_to(std::string& out) const {
  out.reserve(out.size() + size_);
  for_each_piece([&out](const char* data, std::size_t size) { out.append(data, size); });
}

std::string SplicedBody::flatten() const {
  std::string out;
  append_to(out);
  return out;
}

namespace {

// Few edits, mostly in order already: an insertion sort (stable, no temporary buffer) for those,
// std::stable_sort beyond.
constexpr std::size_t kInsertionSortEdits = 16;

template <class Edit, class Less>
void stable_sort_edits(std::vector<Edit>& edits, Less less) {
  if (edits.size() > kInsertionSortEdits) {
    std::stable_sort(edits.begin(), edits.end(), less);
    return;
  }
  for (std::size_t i = 1; i < edits.size(); ++i) {
    Edit edit = edits[i];
    std::size_t j = i;
    for (; j > 0 && less(edit, edits[j - 1]); --j) edits[j] = edits[j - 1];
    edits[j] = edit;
  }
}

}  // namespace

void SpliceEditor::replace(Span span, std::string_view text) {
  if (edits_.empty()) {
    edits_.reserve(kInsertionSortEdits);
    text_.reserve(256);  // the replacement text of a typical request or answer rewrite
  }
  edits_.push_back(Edit{span, text_.size(), text.size()});
  text_.append(text);
}

Result<SplicedBody> SpliceEditor::finish() && {
  stable_sort_edits(edits_, [](const Edit& a, const Edit& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.span.size() == 0 && b.span.size() != 0;  // inserts first
  });
  SplicedBody body;
  body.original_ = original_;
  body.owned_ = std::move(text_);
  body.pieces_.reserve(2 * edits_.size() + 1);
  auto add = [&body](bool owned, std::size_t offset, std::size_t size) {
    if (size == 0) return;
    body.pieces_.push_back(SplicedBody::Piece{owned, offset, size});
    body.size_ += size;
  };
  std::size_t cursor = 0;
  for (const Edit& edit : edits_) {
    if (edit.span.begin < cursor || edit.span.end < edit.span.begin ||
        edit.span.end > original_.size()) {
      return make_error(ErrorKind::internal, "overlapping or out-of-range splice edits");
    }
    add(false, cursor, edit.span.begin - cursor);
    add(true, edit.text_offset, edit.text_size);
    cursor = edit.span.end;
  }
  add(false, cursor, original_.size() - cursor);
  return body;
}

}  // namespace qp::json
