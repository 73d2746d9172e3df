// Precedence of one option: environment, flag, configuration file, default.
#include "config/settings.hpp"

namespace qp {

Setting Settings::get(std::string_view name) const {
  const OptionSpec& spec = option_spec(name);
  const auto from_env = env_.find(spec.env);
  if (from_env != env_.end() && !from_env->second.empty()) {
    return {from_env->second, "environment variable " + std::string(spec.env),
            Setting::Source::environment};
  }
  const auto from_flag = command_line_.given.find(name);
  if (from_flag != command_line_.given.end()) {
    return {from_flag->second, "flag --" + std::string(name), Setting::Source::flag};
  }
  if (file_ != nullptr) {
    const auto from_file = file_->settings.find(name);
    if (from_file != file_->settings.end()) {
      return {from_file->second.text, from_file->second.origin, Setting::Source::file};
    }
  }
  return {std::string(spec.default_text), "default of --" + std::string(name),
          Setting::Source::default_value};
}

}  // namespace qp
